import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Function;

/**
 * The heap toolkit: PriorityQueue's min-heap, a max-heap by a reversed comparator, entries
 * ordered by an arrival counter so ties never reach the payload, and a bounded heap that keeps
 * the k largest items of a stream.
 */
public final class Template {
    private Template() {}

    // --8<-- [start:k_largest]
    /** An item with its key and its arrival number, which breaks ties. */
    private record Entry<T, K>(K key, long arrival, T item) {}

    /**
     * The k items with the largest keys, largest first; ties keep the earlier item.
     *
     * <p>The same answer as a stable sort by key, descending, cut to k, in one pass that holds
     * at most k entries. Time O(n log k), extra space O(k).
     */
    static <T, K extends Comparable<? super K>> List<T> kLargest(
            Iterable<T> items, int k, Function<? super T, ? extends K> key) {
        if (k < 0) {
            throw new IllegalArgumentException("k must be zero or more, got " + k);
        }
        // Smaller entry: smaller key, or an equal key that arrived later (evicted first).
        Comparator<Entry<T, K>> weaker =
                Comparator.<Entry<T, K>, K>comparing(Entry::key)
                        .thenComparing(Entry::arrival, Comparator.reverseOrder());
        PriorityQueue<Entry<T, K>> heap = new PriorityQueue<>(weaker);
        long arrival = 0;
        for (T item : items) {
            Entry<T, K> entry = new Entry<>(key.apply(item), arrival++, item);
            // Invariant: heap holds the k largest entries seen so far, and heap.peek()
            // is the smallest of them: the bar a newcomer has to clear.
            if (heap.size() < k) {
                heap.add(entry);
            } else if (!heap.isEmpty() && weaker.compare(entry, heap.peek()) > 0) {
                heap.poll(); // drop the bar, keep the newcomer
                heap.add(entry);
            }
        }
        List<Entry<T, K>> kept = new ArrayList<>(heap);
        kept.sort(weaker.reversed());
        return kept.stream().map(Entry::item).toList();
    }
    // --8<-- [end:k_largest]

    /** A job in a queue of work; compared by nothing, it is only carried. */
    record Job(String name) {}

    public static void main(String[] args) {
        // --8<-- [start:basics]
        PriorityQueue<Integer> heap = new PriorityQueue<>(List.of(5, 1, 8, 3, 2, 9)); // O(n)
        System.out.println(heap); // a heap, not a sorted list
        //> [1, 2, 8, 3, 5, 9]
        System.out.println(heap.peek()); // the smallest, always at the root
        //> 1
        System.out.println(heap.poll() + " " + heap.poll()); // O(log n) each
        //> 1 2
        heap.add(0); // O(log n)
        System.out.println(heap.peek());
        //> 0
        // --8<-- [end:basics]
        // --8<-- [start:max_heap]
        PriorityQueue<Integer> busiest = new PriorityQueue<>(Comparator.reverseOrder());
        busiest.addAll(List.of(40, 75, 10)); // no negation: the comparator is reversed
        System.out.println(busiest.peek());
        //> 75
        System.out.println(busiest.poll() + " " + busiest.poll());
        //> 75 40
        // --8<-- [end:max_heap]
        // --8<-- [start:tiebreak]
        record Queued(int priority, long arrival, Job job) {}
        PriorityQueue<Queued> jobs =
                new PriorityQueue<>(
                        Comparator.comparingInt(Queued::priority)
                                .thenComparingLong(Queued::arrival));
        long arrivals = 0;
        jobs.add(new Queued(2, arrivals++, new Job("email")));
        jobs.add(new Queued(1, arrivals++, new Job("bill")));
        jobs.add(new Queued(2, arrivals++, new Job("sms"))); // ties with email
        List<String> order = new ArrayList<>();
        while (!jobs.isEmpty()) {
            order.add(jobs.poll().job().name()); // ties: first in
        }
        System.out.println(order);
        //> [bill, email, sms]
        // --8<-- [end:tiebreak]
        // --8<-- [start:demo]
        List<String> words = List.of("kiwi", "fig", "banana", "plum", "cherry");
        System.out.println(kLargest(words, 2, String::length)); // two six-letter words tie: first wins
        //> [banana, cherry]
        System.out.println(kLargest(words, 3, String::length)); // kiwi and plum tie: kiwi came first
        //> [banana, cherry, kiwi]
        try {
            kLargest(words, -1, String::length);
        } catch (IllegalArgumentException e) {
            System.out.println(e.getMessage());
            //> k must be zero or more, got -1
        }
        // --8<-- [end:demo]
    }
}
