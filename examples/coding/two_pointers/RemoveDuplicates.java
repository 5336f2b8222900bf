import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/** Remove duplicates from a sorted array in place: a read and a write index. */
public final class RemoveDuplicates {
    private RemoveDuplicates() {}

    // --8<-- [start:optimal]
    /**
     * Moves each distinct value of sorted numbers to the front, in order, and returns k,
     * the number of distinct values: numbers[0..k) holds them and the slots after k
     * hold leftovers the caller must ignore. Nothing is allocated. Time O(n), space O(1).
     */
    static int removeDuplicates(int[] numbers) {
        int write = 0; // the next slot to fill; numbers[0..write) is the answer so far
        for (int read = 0; read < numbers.length; read++) {
            if (write == 0 || numbers[read] != numbers[write - 1]) {
                numbers[write++] = numbers[read];
            }
        }
        return write;
    }
    // --8<-- [end:optimal]

    // --8<-- [start:brute_force]
    /**
     * Builds the distinct values in a new set, then copies them back. Time O(n),
     * space O(n): the extra set is what the in-place version avoids.
     */
    static int removeDuplicatesBruteForce(int[] numbers) {
        Set<Integer> distinct = new LinkedHashSet<>(); // keeps first occurrences, in order
        for (int value : numbers) {
            distinct.add(value);
        }
        int write = 0;
        for (int value : distinct) {
            numbers[write++] = value;
        }
        return write;
    }
    // --8<-- [end:brute_force]

    // --8<-- [start:prefix]
    /** What the case file checks: the first k values after removeDuplicates. */
    static int[] distinctPrefix(int[] numbers) {
        return Arrays.copyOf(numbers, removeDuplicates(numbers));
    }
    // --8<-- [end:prefix]

    public static void main(String[] args) {
        // --8<-- [start:demo]
        int[] readings = {0, 0, 1, 1, 1, 2, 3, 3};
        int count = removeDuplicates(readings);
        System.out.println(count + " " + Arrays.toString(Arrays.copyOf(readings, count)) + " "
                + Arrays.toString(readings));
        //> 4 [0, 1, 2, 3] [0, 1, 2, 3, 1, 2, 3, 3]
        // --8<-- [end:demo]
    }
}
