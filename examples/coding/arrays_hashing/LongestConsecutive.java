import java.util.HashSet;
import java.util.Set;

/**
 * Longest consecutive sequence: the length of the longest run of values x, x + 1,
 * x + 2, ... The values may come in any order; duplicates count once.
 */
public final class LongestConsecutive {
    private LongestConsecutive() {}

    // --8<-- [start:optimal]
    /**
     * O(n) time, O(n) space: each value is visited by at most one walk. A walk starts
     * only at a run's first value (x - 1 is absent), so every value is stepped over once
     * in total, whatever the input's order.
     */
    static int longestConsecutive(int[] nums) {
        Set<Long> values = new HashSet<>(); // longs: x + 1 must not wrap at Integer.MAX_VALUE
        for (int num : nums) {
            values.add((long) num);
        }
        int best = 0;
        for (long start : values) {
            if (values.contains(start - 1)) {
                continue; // not a run's first value: the walk from its start covers it
            }
            long end = start;
            while (values.contains(end + 1)) {
                end++;
            }
            best = Math.max(best, (int) (end - start + 1));
        }
        return best;
    }
    // --8<-- [end:optimal]

    // --8<-- [start:brute]
    /** The same walk from every value, starts or not. O(n^2) on one long run. */
    static int longestConsecutiveBruteForce(int[] nums) {
        Set<Long> values = new HashSet<>();
        for (int num : nums) {
            values.add((long) num);
        }
        int best = 0;
        for (long start : values) {
            long end = start;
            while (values.contains(end + 1)) {
                end++;
            }
            best = Math.max(best, (int) (end - start + 1));
        }
        return best;
    }
    // --8<-- [end:brute]

    public static void main(String[] args) {
        // --8<-- [start:demo]
        System.out.println(longestConsecutive(new int[] {100, 4, 200, 1, 3, 2})); // 1, 2, 3, 4
        //> 4
        System.out.println(longestConsecutive(new int[] {0, -1, 1, 1, 2})); // the repeated 1 counts once
        //> 4
        System.out.println(longestConsecutiveBruteForce(new int[] {0, -1, 1, 1, 2}));
        //> 4
        // --8<-- [end:demo]
    }
}
