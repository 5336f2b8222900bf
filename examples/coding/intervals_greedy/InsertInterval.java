import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Insert an interval into a sorted list of disjoint intervals, merging as needed. */
public final class InsertInterval {
    private InsertInterval() {}

    /** Refuses anything but closed [start, end] pairs with start <= end. */
    private static void requireClosed(int[][] intervals) {
        for (int[] interval : intervals) {
            if (interval.length != 2) {
                throw new IllegalArgumentException("each interval is [start, end], not " + Arrays.toString(interval));
            }
            if (interval[1] < interval[0]) {
                throw new IllegalArgumentException("each interval needs start <= end: " + Arrays.toString(interval));
            }
        }
    }

    private static void requireSortedDisjoint(int[][] intervals) {
        requireClosed(intervals);
        for (int i = 1; i < intervals.length; i++) {
            if (intervals[i][0] <= intervals[i - 1][1]) {
                throw new IllegalArgumentException("intervals must be sorted and disjoint (none touching)");
            }
        }
    }

    // --8<-- [start:optimal]
    /**
     * Inserts closed newInterval into sorted, disjoint closed intervals. Whatever it
     * overlaps or touches merges into it. Returns a new list. Time O(n), space O(n); no
     * sort, because the input is sorted already.
     */
    static List<int[]> insertInterval(int[][] intervals, int[] newInterval) {
        requireSortedDisjoint(intervals);
        requireClosed(new int[][] {newInterval});
        int start = newInterval[0];
        int end = newInterval[1];
        List<int[]> result = new ArrayList<>();
        int i = 0;
        int n = intervals.length;
        while (i < n && intervals[i][1] < start) { // 1. ends before the new one starts
            result.add(intervals[i++].clone());
        }
        while (i < n && intervals[i][0] <= end) { // 2. overlaps or touches: absorb
            start = Math.min(start, intervals[i][0]);
            end = Math.max(end, intervals[i][1]);
            i++;
        }
        result.add(new int[] {start, end});
        while (i < n) { // 3. the rest
            result.add(intervals[i++].clone());
        }
        return result;
    }
    // --8<-- [end:optimal]

    private static String show(List<int[]> intervals) {
        return intervals.stream().map(Arrays::toString).toList().toString();
    }

    public static void main(String[] args) {
        // --8<-- [start:demo]
        int[][] booked = {{1, 2}, {3, 5}, {6, 7}, {8, 10}, {12, 16}};
        System.out.println(show(insertInterval(booked, new int[] {4, 8})));
        //> [[1, 2], [3, 10], [12, 16]]
        System.out.println(show(insertInterval(new int[][] {{1, 2}, {5, 6}}, new int[] {3, 4}))); // fits in the gap
        //> [[1, 2], [3, 4], [5, 6]]
        System.out.println(show(insertInterval(new int[][] {{1, 2}, {5, 6}}, new int[] {2, 5}))); // touches both ends
        //> [[1, 6]]
        // --8<-- [end:demo]
    }
}
