import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.concurrent.CompletionService;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/** Blocking I/O on a thread pool: submit, completion order, ordered results, and timeouts. */
public final class ThreadPool {
    private static final Map<String, Integer> PRICES_CENTS =
            Map.of("apple", 120, "bread", 350, "cheese", 899);

    private ThreadPool() {}

    // --8<-- [start:blocking_call]
    /** Stand in for a blocking HTTP call to a pricing service. */
    static int fetchPrice(String sku) {
        Integer price = PRICES_CENTS.get(sku);
        if (price == null) {
            throw new NoSuchElementException("no price for '" + sku + "'");
        }
        return price;
    }
    // --8<-- [end:blocking_call]

    // --8<-- [start:submit]
    /** Price every SKU concurrently; a failure becomes an error entry, not a crash. */
    static Map<String, String> priceAll(List<String> skus, int workers)
            throws InterruptedException {
        Map<String, String> priced = new TreeMap<>(); // sorted by SKU
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            CompletionService<Integer> done = new ExecutorCompletionService<>(pool);
            Map<Future<Integer>, String> skuOf = new HashMap<>();
            for (String sku : skus) {
                skuOf.put(done.submit(() -> fetchPrice(sku)), sku);
            }
            for (int i = 0; i < skus.size(); i++) {
                Future<Integer> future = done.take(); // completion order, not input order
                String sku = skuOf.get(future);
                try {
                    priced.put(sku, String.valueOf(future.get()));
                } catch (ExecutionException e) { // the worker's exception, wrapped
                    priced.put(sku, "error: " + e.getCause().getMessage());
                }
            }
        } finally {
            pool.shutdown(); // ExecutorService is AutoCloseable only from Java 19
        }
        return priced;
    }
    // --8<-- [end:submit]

    // --8<-- [start:map]
    /** Futures read in input order; the first failed one throws. */
    static List<Integer> priceInOrder(List<String> skus)
            throws InterruptedException, ExecutionException {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> futures =
                    skus.stream().map(sku -> pool.submit(() -> fetchPrice(sku))).toList();
            List<Integer> prices = new ArrayList<>();
            for (Future<Integer> future : futures) {
                prices.add(future.get());
            }
            return prices;
        } finally {
            pool.shutdown();
        }
    }
    // --8<-- [end:map]

    // --8<-- [start:timeout]
    /** A timeout on get() stops the waiting; cancel(true) interrupts the worker. */
    static List<String> waitBrieflyForStuckCall(long millis)
            throws InterruptedException, ExecutionException {
        List<String> log = new ArrayList<>();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        CountDownLatch neverReleased = new CountDownLatch(1);
        AtomicReference<String> workerSaw = new AtomicReference<>("nothing");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<String> future = pool.submit(() -> {
                started.countDown();
                try {
                    neverReleased.await(5, TimeUnit.SECONDS); // blocking calls that honor interrupts
                    return "late answer";
                } catch (InterruptedException e) {
                    workerSaw.set("interrupted");
                    throw e;
                } finally {
                    finished.countDown();
                }
            });
            started.await();
            try {
                future.get(millis, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                log.add("get() timed out");
            }
            log.add("cancel(true) succeeded: " + future.cancel(true));
            finished.await(5, TimeUnit.SECONDS); // cancel() does not wait for the worker
            log.add("the worker saw: " + workerSaw.get());
        } finally {
            pool.shutdown();
        }
        return log;
    }
    // --8<-- [end:timeout]

    public static void main(String[] args) throws Exception {
        // --8<-- [start:demo]
        priceAll(List.of("cheese", "apple", "caviar", "bread"), 4)
                .forEach((sku, outcome) -> System.out.println(sku + " " + outcome));
                //> apple 120
                //> bread 350
                //> caviar error: no price for 'caviar'
                //> cheese 899
        System.out.println(priceInOrder(List.of("cheese", "apple", "bread")));
        //> [899, 120, 350]
        try {
            priceInOrder(List.of("apple", "caviar", "bread"));
        } catch (ExecutionException e) {
            System.out.println("get() threw: " + e.getCause().getMessage());
            //> get() threw: no price for 'caviar'
        }
        for (String line : waitBrieflyForStuckCall(10)) {
            System.out.println(line);
            //> get() timed out
            //> cancel(true) succeeded: true
            //> the worker saw: interrupted
        }
        // --8<-- [end:demo]
    }
}
