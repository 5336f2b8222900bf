import java.util.OptionalLong;

/** Maximum sum of any window of exactly k consecutive numbers. */
public final class MaxWindowSum {
    private MaxWindowSum() {}

    private static void check(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("window size must be at least 1, got " + k);
        }
    }

    // --8<-- [start:optimal]
    /**
     * The largest sum of k consecutive numbers; empty when there are fewer than k.
     *
     * <p>O(n) time, O(1) space: each step adds the entering number and subtracts the one
     * that leaves, instead of summing k numbers again. Sums are longs: k ints can
     * overflow an int.
     */
    static OptionalLong maxWindowSum(int[] nums, int k) {
        check(k);
        if (nums.length < k) {
            return OptionalLong.empty();
        }
        long total = 0;
        for (int i = 0; i < k; i++) {
            total += nums[i];
        }
        long best = total;
        for (int right = k; right < nums.length; right++) {
            total += nums[right] - (long) nums[right - k];
            best = Math.max(best, total);
        }
        return OptionalLong.of(best);
    }
    // --8<-- [end:optimal]

    // --8<-- [start:brute]
    /** Sums every window from scratch: O(n * k) time, O(1) extra space. */
    static OptionalLong maxWindowSumBruteForce(int[] nums, int k) {
        check(k);
        if (nums.length < k) {
            return OptionalLong.empty();
        }
        long best = Long.MIN_VALUE;
        for (int start = 0; start + k <= nums.length; start++) {
            long window = 0;
            for (int i = start; i < start + k; i++) {
                window += nums[i];
            }
            best = Math.max(best, window);
        }
        return OptionalLong.of(best);
    }
    // --8<-- [end:brute]

    public static void main(String[] args) {
        System.out.println(maxWindowSum(new int[] {2, -1, 3, 5, -2, 4}, 3));
        //> OptionalLong[7]
        System.out.println(maxWindowSum(new int[] {1, 2}, 3));
        //> OptionalLong.empty
        System.out.println(maxWindowSumBruteForce(new int[] {2, -1, 3, 5, -2, 4}, 3));
        //> OptionalLong[7]
    }
}
