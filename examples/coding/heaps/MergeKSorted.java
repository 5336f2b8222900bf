import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/** Merge k sorted lists: a heap of k fronts. */
public final class MergeKSorted {
    private MergeKSorted() {}

    private static void requireSorted(int[][] lists) {
        for (int index = 0; index < lists.length; index++) {
            for (int i = 1; i < lists[index].length; i++) {
                if (lists[index][i - 1] > lists[index][i]) {
                    throw new IllegalArgumentException("lists[" + index + "] is not sorted in ascending order");
                }
            }
        }
    }

    /** The front of one list: its value, which list, and the position in it. */
    private record Front(int value, int list, int position) {}

    // --8<-- [start:optimal]
    /**
     * Every value of k ascending lists, in one ascending list. N values in all: time
     * O(N log k), extra space O(k) besides the output.
     *
     * @throws IllegalArgumentException if a list is not sorted (the merge would silently be wrong)
     */
    static List<Integer> mergeKSorted(int[][] lists) {
        requireSorted(lists);
        // Ties on value go to the earlier list, as Python's tuples compare.
        PriorityQueue<Front> heap = new PriorityQueue<>(
                Comparator.comparingInt(Front::value).thenComparingInt(Front::list));
        for (int index = 0; index < lists.length; index++) {
            if (lists[index].length > 0) {
                heap.add(new Front(lists[index][0], index, 0));
            }
        }
        List<Integer> merged = new ArrayList<>();
        while (!heap.isEmpty()) {
            // Invariant: heap holds the smallest unmerged value of every list that has
            // one, so its head is the smallest unmerged value overall.
            Front front = heap.poll();
            merged.add(front.value());
            int next = front.position() + 1;
            if (next < lists[front.list()].length) {
                heap.add(new Front(lists[front.list()][next], front.list(), next));
            }
        }
        return merged;
    }
    // --8<-- [end:optimal]

    public static void main(String[] args) {
        System.out.println(mergeKSorted(new int[][] {{1, 4, 5}, {1, 3, 4}, {2, 6}}));
        //> [1, 1, 2, 3, 4, 4, 5, 6]
        try {
            mergeKSorted(new int[][] {{1, 3}, {4, 2}});
        } catch (IllegalArgumentException e) {
            System.out.println(e.getMessage());
            //> lists[1] is not sorted in ascending order
        }
    }
}
