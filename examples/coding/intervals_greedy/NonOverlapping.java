import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** Non-overlapping intervals: the fewest removals that leave no two overlapping. */
public final class NonOverlapping {
    private NonOverlapping() {}

    /** Refuses anything but [start, end) pairs with start < end. */
    private static void checkHalfOpen(int[][] intervals) {
        for (int[] interval : intervals) {
            if (interval.length != 2 || interval[1] <= interval[0]) {
                throw new IllegalArgumentException(
                        "each interval is [start, end), start < end, not " + Arrays.toString(interval));
            }
        }
    }

    /** Reads a and b as half-open: sharing only an endpoint is not overlapping. */
    private static boolean overlap(int[] a, int[] b) {
        return a[0] < b[1] && b[0] < a[1];
    }

    // --8<-- [start:optimal]
    /**
     * The fewest half-open intervals to remove so the rest do not overlap. [1, 2) and
     * [2, 3) do not overlap. Greedy: keep the interval that ends first, drop what clashes
     * with it, repeat. Time O(n log n), space O(n).
     */
    static int minRemovals(int[][] intervals) {
        checkHalfOpen(intervals);
        int[][] byEnd = intervals.clone(); // sort a copy, not the caller's array
        Arrays.sort(byEnd, Comparator.comparingInt((int[] interval) -> interval[1]));
        int kept = 0;
        long lastEnd = Long.MIN_VALUE; // below every int start
        for (int[] interval : byEnd) {
            if (interval[0] >= lastEnd) { // starts when or after the last kept one ends
                kept++;
                lastEnd = interval[1];
            }
        }
        return intervals.length - kept;
    }
    // --8<-- [end:optimal]

    // --8<-- [start:brute_force]
    /**
     * Tries every subset, keeping the largest with no overlapping pair. Up to 2^n
     * subsets, each checked pair by pair: time O(2^n * n^2), space O(n).
     */
    static int minRemovalsBruteForce(int[][] intervals) {
        checkHalfOpen(intervals);
        int n = intervals.length;
        int most = 0; // the largest subset without an overlapping pair
        for (int subset = 0; subset < 1 << n; subset++) {
            List<int[]> chosen = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if ((subset & 1 << i) != 0) {
                    chosen.add(intervals[i]);
                }
            }
            if (chosen.size() > most && !anyOverlap(chosen)) {
                most = chosen.size();
            }
        }
        return n - most;
    }

    private static boolean anyOverlap(List<int[]> intervals) {
        for (int i = 0; i < intervals.size(); i++) {
            for (int j = i + 1; j < intervals.size(); j++) {
                if (overlap(intervals.get(i), intervals.get(j))) {
                    return true;
                }
            }
        }
        return false;
    }
    // --8<-- [end:brute_force]

    // --8<-- [start:by_start]
    /**
     * WRONG: keeps intervals in start order, dropping any that clash with the last kept.
     * A long interval that starts first is kept and blocks everything inside it.
     */
    static int minRemovalsByStart(int[][] intervals) {
        checkHalfOpen(intervals);
        int[][] byStart = intervals.clone();
        Arrays.sort(byStart, Comparator.comparingInt((int[] interval) -> interval[0])); // the wrong key
        int kept = 0;
        long lastEnd = Long.MIN_VALUE;
        for (int[] interval : byStart) {
            if (interval[0] >= lastEnd) {
                kept++;
                lastEnd = interval[1];
            }
        }
        return intervals.length - kept;
    }
    // --8<-- [end:by_start]

    public static void main(String[] args) {
        // --8<-- [start:demo]
        System.out.println(minRemovals(new int[][] {{1, 2}, {2, 3}, {3, 4}, {1, 3}})); // drop [1, 3)
        //> 1
        int[][] longFirst = {{1, 10}, {2, 3}, {4, 5}};
        System.out.println(minRemovals(longFirst));
        //> 1
        System.out.println(minRemovalsBruteForce(longFirst));
        //> 1
        System.out.println(minRemovalsByStart(longFirst)); // keeps [1, 10), drops the other two
        //> 2
        try {
            minRemovals(new int[][] {{2, 2}});
        } catch (IllegalArgumentException e) {
            System.out.println(e.getMessage());
            //> each interval is [start, end), start < end, not [2, 2]
        }
        // --8<-- [end:demo]
    }
}
