import java.util.Arrays;
import java.util.Optional;

/** Pair with a target sum in a sorted array: opposite-end pointers. */
public final class PairSumSorted {
    private PairSumSorted() {}

    private static void requireSorted(int[] numbers) {
        for (int i = 1; i < numbers.length; i++) {
            if (numbers[i - 1] > numbers[i]) {
                throw new IllegalArgumentException("numbers must be sorted in ascending order");
            }
        }
    }

    // --8<-- [start:optimal]
    /**
     * Indices {i, j}, i < j, with numbers[i] + numbers[j] == target, or empty.
     * numbers must be sorted ascending (checked: IllegalArgumentException otherwise).
     * Time O(n), space O(1).
     */
    static Optional<int[]> pairWithSum(int[] numbers, long target) {
        requireSorted(numbers);
        int left = 0;
        int right = numbers.length - 1;
        while (left < right) {
            long total = (long) numbers[left] + numbers[right]; // a long: two ints can overflow
            if (total == target) {
                return Optional.of(new int[] {left, right});
            }
            if (total < target) {
                // numbers[right] is the largest partner left; if even it is too
                // small for numbers[left], every partner is: drop left.
                left++;
            } else {
                // numbers[left] is the smallest partner left; if even it is too
                // big for numbers[right], every partner is: drop right.
                right--;
            }
        }
        return Optional.empty();
    }
    // --8<-- [end:optimal]

    // --8<-- [start:brute_force]
    /** Tries every pair. Time O(n^2), space O(1). Works unsorted, too. */
    static Optional<int[]> pairWithSumBruteForce(int[] numbers, long target) {
        for (int i = 0; i < numbers.length; i++) {
            for (int j = i + 1; j < numbers.length; j++) {
                if ((long) numbers[i] + numbers[j] == target) {
                    return Optional.of(new int[] {i, j});
                }
            }
        }
        return Optional.empty();
    }
    // --8<-- [end:brute_force]

    public static void main(String[] args) {
        // --8<-- [start:demo]
        System.out.println(pairWithSum(new int[] {-4, -1, 2, 7, 11}, 6).map(Arrays::toString));
        //> Optional[[1, 3]]
        System.out.println(pairWithSum(new int[] {1, 3, 3, 5}, 4).map(Arrays::toString)); // smallest i, then the largest j
        //> Optional[[0, 2]]
        System.out.println(pairWithSumBruteForce(new int[] {1, 3, 3, 5}, 4).map(Arrays::toString)); // smallest i, then j
        //> Optional[[0, 1]]
        System.out.println(pairWithSum(new int[] {2, 4, 8}, 7).map(Arrays::toString));
        //> Optional.empty
        // --8<-- [end:demo]
    }
}
