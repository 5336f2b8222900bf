import java.util.Arrays;

/** Move zeros to the end in place, keeping the order of the other values. */
public final class MoveZeros {
    private MoveZeros() {}

    // --8<-- [start:optimal]
    /** Nonzero values to the front in their order, zeros after. Time O(n), space O(1). */
    static void moveZeros(int[] numbers) {
        int write = 0;
        for (int read = 0; read < numbers.length; read++) {
            // Invariant: numbers[0..write) are the nonzero values of numbers[0..read), in
            // order, and numbers[write..read) are all zeros.
            if (numbers[read] != 0) {
                int swap = numbers[write];
                numbers[write++] = numbers[read];
                numbers[read] = swap;
            }
        }
    }
    // --8<-- [end:optimal]

    public static void main(String[] args) {
        int[] numbers = {0, 1, 0, 3, 12};
        moveZeros(numbers);
        System.out.println(Arrays.toString(numbers));
        //> [1, 3, 12, 0, 0]
    }
}
