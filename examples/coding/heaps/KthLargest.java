import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;

/** Kth largest element: a heap of size k, a full sort, or quickselect. */
public final class KthLargest {
    private KthLargest() {}

    private static void requireKInRange(int[] nums, int k) {
        if (k < 1 || k > nums.length) {
            throw new IllegalArgumentException("k must be between 1 and nums.length = " + nums.length + ", not " + k);
        }
    }

    // --8<-- [start:optimal]
    /**
     * The kth largest value, counting duplicates (k = 1 is the maximum).
     * Time O(n log k), extra space O(k).
     *
     * @throws IllegalArgumentException unless 1 <= k <= nums.length
     */
    static int kthLargest(int[] nums, int k) {
        requireKInRange(nums, k);
        PriorityQueue<Integer> largest = new PriorityQueue<>(k); // a min-heap: the smallest on top
        for (int num : nums) {
            // Invariant: largest holds the k largest values seen so far, so its
            // head, the smallest of them, is the kth largest so far.
            if (largest.size() < k) {
                largest.add(num);
            } else if (num > largest.element()) {
                largest.poll(); // the old kth largest drops out
                largest.add(num);
            }
        }
        return largest.element();
    }
    // --8<-- [end:optimal]

    // --8<-- [start:brute_force]
    /** Sorts a copy and reads one position. Time O(n log n), extra space O(n). */
    static int kthLargestBySorting(int[] nums, int k) {
        requireKInRange(nums, k);
        int[] sorted = nums.clone();
        Arrays.sort(sorted); // ascending: the kth largest is k from the end
        return sorted[sorted.length - k];
    }
    // --8<-- [end:brute_force]

    private static final Random PIVOTS = new Random(2024); // seeded: the same run every time

    // --8<-- [start:quickselect]
    /**
     * Partitions around a random pivot and keeps only the side holding the answer.
     * Average time O(n) (each round keeps a constant fraction on average); worst case
     * O(n^2) with unlucky pivots. Extra space O(n) for the copies.
     */
    static int kthLargestQuickselect(int[] nums, int k) {
        requireKInRange(nums, k);
        List<Integer> values = new ArrayList<>();
        for (int num : nums) {
            values.add(num);
        }
        int target = nums.length - k; // the answer's index in ascending order
        while (true) {
            // Invariant: the answer is the value at index target of sorted(values).
            int pivot = values.get(PIVOTS.nextInt(values.size()));
            List<Integer> smaller = new ArrayList<>();
            List<Integer> larger = new ArrayList<>();
            for (int v : values) {
                if (v < pivot) {
                    smaller.add(v);
                } else if (v > pivot) {
                    larger.add(v);
                }
            }
            int equal = values.size() - smaller.size() - larger.size();
            if (target < smaller.size()) {
                values = smaller;
            } else if (target < smaller.size() + equal) {
                return pivot;
            } else {
                target -= smaller.size() + equal;
                values = larger;
            }
        }
    }
    // --8<-- [end:quickselect]

    public static void main(String[] args) {
        // --8<-- [start:demo]
        int[] latencies = {120, 45, 300, 45, 80, 300, 15};
        System.out.println(kthLargest(latencies, 1));
        //> 300
        System.out.println(kthLargest(latencies, 2)); // duplicates count
        //> 300
        System.out.println(kthLargest(latencies, 3));
        //> 120
        System.out.println(kthLargestQuickselect(latencies, 3));
        //> 120
        System.out.println(kthLargestBySorting(latencies, 7));
        //> 15
        try {
            kthLargest(latencies, 8);
        } catch (IllegalArgumentException e) {
            System.out.println(e.getMessage());
            //> k must be between 1 and nums.length = 7, not 8
        }
        // --8<-- [end:demo]
    }
}
