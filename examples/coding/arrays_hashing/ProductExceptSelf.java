import java.util.Arrays;

/** Product of array except self: answer[i] is the product of every entry but nums[i]. */
public final class ProductExceptSelf {
    private ProductExceptSelf() {}

    // --8<-- [start:optimal]
    /**
     * No division, O(n) time, O(1) space besides the answer. Pass 1 leaves answer[i] =
     * product of nums[0..i) (everything to the left). Pass 2 multiplies in a running
     * product of nums(i..n) (everything to the right). Longs, which still wrap past
     * 2^63 - 1 where Python's ints would not.
     */
    static long[] productExceptSelf(int[] nums) {
        long[] answer = new long[nums.length];
        long left = 1;
        for (int i = 0; i < nums.length; i++) {
            answer[i] = left;
            left *= nums[i];
        }
        long right = 1;
        for (int i = nums.length - 1; i >= 0; i--) {
            answer[i] *= right;
            right *= nums[i];
        }
        return answer;
    }
    // --8<-- [end:optimal]

    // --8<-- [start:brute]
    /** Multiplies everything else, for every index. O(n^2) time. */
    static long[] productExceptSelfBruteForce(int[] nums) {
        long[] answer = new long[nums.length];
        for (int i = 0; i < nums.length; i++) {
            long product = 1;
            for (int j = 0; j < nums.length; j++) {
                if (j != i) {
                    product *= nums[j];
                }
            }
            answer[i] = product;
        }
        return answer;
    }
    // --8<-- [end:brute]

    // --8<-- [start:division]
    /** BUGGY: total / nums[i] divides by zero as soon as the input holds a 0. */
    static long[] productExceptSelfByDivision(int[] nums) {
        long total = 1;
        for (int value : nums) {
            total *= value;
        }
        long[] answer = new long[nums.length];
        for (int i = 0; i < nums.length; i++) {
            answer[i] = total / nums[i];
        }
        return answer;
    }
    // --8<-- [end:division]

    public static void main(String[] args) {
        // --8<-- [start:demo]
        System.out.println(Arrays.toString(productExceptSelf(new int[] {2, 3, 4, 5})));
        //> [60, 40, 30, 24]
        System.out.println(Arrays.toString(productExceptSelf(new int[] {2, 0, 4})));
        //> [0, 8, 0]
        System.out.println(Arrays.toString(productExceptSelfBruteForce(new int[] {2, 0, 4})));
        //> [0, 8, 0]
        try {
            productExceptSelfByDivision(new int[] {2, 0, 4});
        } catch (ArithmeticException e) {
            System.out.println("ArithmeticException: " + e.getMessage());
            //> ArithmeticException: / by zero
        }
        // --8<-- [end:demo]
    }
}
