import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;

/** ConcurrentHashMap: each call is atomic, a sequence of calls is not; merge and compute are. */
public final class ConcurrentMaps {
    private ConcurrentMaps() {}

    static void runTogether(int threads, Runnable task) throws InterruptedException {
        List<Thread> started = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread thread = new Thread(task);
            thread.start();
            started.add(thread);
        }
        for (Thread thread : started) {
            thread.join();
        }
    }

    static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (BrokenBarrierException e) {
            throw new IllegalStateException(e);
        }
    }

    // --8<-- [start:get_then_put]
    /** Two threads add a hit each with get, then put: each call is safe, the pair is not. */
    static int getThenPut() throws InterruptedException {
        Map<String, Integer> hits = new ConcurrentHashMap<>(Map.of("/orders", 1));
        CyclicBarrier bothHaveRead = new CyclicBarrier(2);
        runTogether(2, () -> {
            int seen = hits.get("/orders");
            await(bothHaveRead); // the other thread's get runs in this gap
            hits.put("/orders", seen + 1);
        });
        return hits.get("/orders");
    }

    /** merge reads, combines and writes in one atomic call. */
    static int merged(int threads, int perThread) throws InterruptedException {
        Map<String, Integer> hits = new ConcurrentHashMap<>();
        runTogether(threads, () -> {
            for (int i = 0; i < perThread; i++) {
                hits.merge("/orders", 1, Integer::sum);
            }
        });
        return hits.get("/orders");
    }
    // --8<-- [end:get_then_put]

    // --8<-- [start:compute_if_absent]
    /** computeIfAbsent runs the loader at most once per missing key, however many threads ask. */
    static String loadOnce(int threads) throws InterruptedException {
        Map<String, String> cache = new ConcurrentHashMap<>();
        AtomicInteger loads = new AtomicInteger();
        CyclicBarrier start = new CyclicBarrier(threads);
        runTogether(threads, () -> {
            await(start); // every thread asks at the same moment
            cache.computeIfAbsent("user:42", key -> {
                loads.incrementAndGet(); // keep it short: other updates may wait for it
                return "Ada";
            });
        });
        return threads + " threads, " + loads.get() + " load, cached " + cache.get("user:42");
    }
    // --8<-- [end:compute_if_absent]

    // --8<-- [start:compute]
    /** compute decides from the current value, atomically: take a seat only if one is left. */
    static String bookWithCompute(int customers) throws InterruptedException {
        Map<String, Integer> seatsLeft = new ConcurrentHashMap<>(Map.of("flight 7", 3));
        AtomicInteger booked = new AtomicInteger();
        runTogether(customers, () -> seatsLeft.compute("flight 7", (flight, left) -> {
            if (left > 0) {
                booked.incrementAndGet(); // the function runs exactly once per compute call
                return left - 1;
            }
            return left;
        }));
        return customers + " customers, " + booked.get() + " booked, "
                + seatsLeft.get("flight 7") + " left";
    }
    // --8<-- [end:compute]

    public static void main(String[] args) throws InterruptedException {
        // --8<-- [start:demo]
        System.out.println("get then put, 1 + 2 hits: " + getThenPut());
        //> get then put, 1 + 2 hits: 2
        System.out.println("merge, 4 x 50000 hits: " + merged(4, 50_000));
        //> merge, 4 x 50000 hits: 200000
        System.out.println(loadOnce(8));
        //> 8 threads, 1 load, cached Ada
        System.out.println(bookWithCompute(5));
        //> 5 customers, 3 booked, 0 left
        try {
            new ConcurrentHashMap<String, String>().put("key", null);
        } catch (NullPointerException e) { // so a null from get() always means "absent"
            System.out.println("null value refused: NullPointerException");
            //> null value refused: NullPointerException
        }
        // --8<-- [end:demo]
    }
}
