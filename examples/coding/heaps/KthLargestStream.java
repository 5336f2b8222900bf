import java.util.Optional;
import java.util.PriorityQueue;
import java.util.StringJoiner;

/** Kth largest in a stream: a min-heap that keeps only the k largest values. */
public final class KthLargestStream {
    private KthLargestStream() {}

    // --8<-- [start:optimal]
    /** After each add, the kth largest value so far (empty until k have come). add O(log k), space O(k). */
    public static final class KthLargest {
        private final int k;
        private final PriorityQueue<Integer> heap; // a min-heap: the kth largest on top once full

        public KthLargest(int k, int[] nums) {
            if (k < 1) {
                throw new IllegalArgumentException("k must be 1 or more, got " + k);
            }
            this.k = k;
            this.heap = new PriorityQueue<>(k);
            for (int num : nums) {
                add(num);
            }
        }

        public Optional<Integer> add(int num) {
            if (heap.size() < k) {
                heap.add(num);
            } else if (num > heap.element()) {
                heap.poll(); // the old kth largest drops out
                heap.add(num);
            }
            return heap.size() == k ? Optional.of(heap.element()) : Optional.empty();
        }
    }
    // --8<-- [end:optimal]

    public static void main(String[] args) {
        KthLargest third = new KthLargest(3, new int[] {4, 5, 8, 2});
        StringJoiner seen = new StringJoiner(" ");
        for (int num : new int[] {3, 5, 10, 9, 4}) {
            seen.add(String.valueOf(third.add(num).orElseThrow()));
        }
        System.out.println(seen);
        //> 4 5 5 8 8
        System.out.println(new KthLargest(2, new int[0]).add(7)); // fewer than k so far
        //> Optional.empty
    }
}
