import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** Merge overlapping intervals: sort by start, then grow or close the last run. */
public final class MergeIntervals {
    private MergeIntervals() {}

    /** Refuses anything but closed [start, end] pairs with start <= end. */
    static void requireClosed(int[][] intervals) {
        for (int[] interval : intervals) {
            if (interval.length != 2) {
                throw new IllegalArgumentException("each interval is [start, end], not " + Arrays.toString(interval));
            }
            if (interval[1] < interval[0]) {
                throw new IllegalArgumentException("each interval needs start <= end: " + Arrays.toString(interval));
            }
        }
    }

    // --8<-- [start:optimal]
    /**
     * Merges closed intervals that overlap or touch: [1, 2] and [2, 3] give [1, 3].
     * Returns new arrays sorted by start; the input and its intervals are left as they
     * were. Time O(n log n), space O(n).
     */
    static List<int[]> mergeIntervals(int[][] intervals) {
        requireClosed(intervals);
        int[][] byStart = intervals.clone();
        Arrays.sort(byStart, Comparator.comparingInt((int[] interval) -> interval[0]));
        List<int[]> merged = new ArrayList<>();
        for (int[] interval : byStart) {
            // Invariant: merged is the union of the intervals seen so far, sorted and
            // disjoint; only its last can still grow, since every later interval
            // starts at or after its start.
            int[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && interval[0] <= last[1]) { // overlaps or touches
                last[1] = Math.max(last[1], interval[1]);
            } else {
                merged.add(interval.clone()); // a new array, never the caller's
            }
        }
        return merged;
    }
    // --8<-- [end:optimal]

    private static String show(List<int[]> intervals) {
        return intervals.stream().map(Arrays::toString).toList().toString();
    }

    public static void main(String[] args) {
        // --8<-- [start:demo]
        System.out.println(show(mergeIntervals(new int[][] {{8, 10}, {1, 3}, {2, 6}, {15, 18}})));
        //> [[1, 6], [8, 10], [15, 18]]
        System.out.println(show(mergeIntervals(new int[][] {{1, 2}, {2, 3}}))); // closed: touching merges
        //> [[1, 3]]
        System.out.println(show(mergeIntervals(new int[][] {{1, 10}, {2, 3}, {4, 5}}))); // one run swallows the rest
        //> [[1, 10]]
        // --8<-- [end:demo]
    }
}
