import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** CompletableFuture stages on a sized executor: where they run, compose, combine, allOf. */
public final class FutureStages {
    static final Map<String, Integer> PRICES_CENTS =
            Map.of("apple", 120, "bread", 350, "cheese", 899);
    static final Map<String, Integer> SHIPPING_CENTS =
            Map.of("apple", 499, "bread", 499, "cheese", 0);
    static final Map<String, String> TIER_OF_CUSTOMER = Map.of("ada", "gold", "bo", "basic");
    static final Map<String, Integer> DISCOUNT_PERCENT = Map.of("gold", 10, "basic", 0);

    private FutureStages() {}

    // --8<-- [start:pool]
    /** A fixed pool whose threads are named name-1, name-2, ...: readable in a thread dump. */
    static ExecutorService namedPool(String name, int threads) {
        AtomicInteger next = new AtomicInteger(1);
        ThreadFactory factory = task -> new Thread(task, name + "-" + next.getAndIncrement());
        return Executors.newFixedThreadPool(threads, factory);
    }

    /** Stand-ins for blocking calls to other services; an unknown key is an error. */
    static <V> V lookup(Map<String, V> table, String key) {
        V value = table.get(key);
        if (value == null) {
            throw new NoSuchElementException("no entry for '" + key + "'");
        }
        return value;
    }
    // --8<-- [end:pool]

    static String threadName() {
        return Thread.currentThread().getName();
    }

    // --8<-- [start:where]
    /** Which thread runs a stage: the executor you pass, the caller, or the completer. */
    static List<String> whereStagesRun() throws InterruptedException {
        List<String> seen = new ArrayList<>();
        ExecutorService pool = namedPool("pricing", 1);
        try {
            // No executor: the common pool, or a new thread per task on a small machine.
            String noExecutor = CompletableFuture.supplyAsync(FutureStages::threadName).join();
            seen.add("supplyAsync(fn) ran on our pool: " + noExecutor.startsWith("pricing-"));
            seen.add("supplyAsync(fn, pool) ran on: "
                    + CompletableFuture.supplyAsync(FutureStages::threadName, pool).join());

            // thenApply on a stage that is already complete runs at once, in the caller.
            CompletableFuture<String> done = CompletableFuture.completedFuture("x");
            seen.add("thenApply on a done stage ran on: "
                    + done.thenApply(x -> threadName()).join());

            // On a stage still running, it runs later, on the thread that completes it.
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<String> running = CompletableFuture.supplyAsync(() -> {
                awaitQuietly(release);
                return "x";
            }, pool);
            CompletableFuture<String> after = running.thenApply(x -> threadName());
            release.countDown();
            seen.add("thenApply on a running stage ran on: " + after.join());

            // The ...Async(fn, executor) variants always hand the step to the executor.
            seen.add("thenApplyAsync(fn, pool) ran on: "
                    + done.thenApplyAsync(x -> threadName(), pool).join());
        } finally {
            pool.shutdown();
        }
        return seen;
    }
    // --8<-- [end:where]

    static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch not released within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
        }
    }

    // --8<-- [start:compose_combine]
    /** Price, shipping and discount fetched concurrently, then combined into one total. */
    static CompletableFuture<Integer> checkoutTotal(
            String customer, String sku, Executor pool) {
        CompletableFuture<Integer> price =
                CompletableFuture.supplyAsync(() -> lookup(PRICES_CENTS, sku), pool);
        CompletableFuture<Integer> shipping =
                CompletableFuture.supplyAsync(() -> lookup(SHIPPING_CENTS, sku), pool);
        // The discount needs the tier first: thenCompose chains a call that is itself async.
        // thenApply here would give a CompletableFuture<CompletableFuture<Integer>>.
        CompletableFuture<Integer> discount = CompletableFuture
                .supplyAsync(() -> lookup(TIER_OF_CUSTOMER, customer), pool)
                .thenCompose(tier -> CompletableFuture.supplyAsync(
                        () -> lookup(DISCOUNT_PERCENT, tier), pool));
        // thenCombine waits for two independent stages and joins their results.
        return price
                .thenCombine(discount, (cents, percent) -> cents - cents * percent / 100)
                .thenCombine(shipping, Integer::sum);
    }
    // --8<-- [end:compose_combine]

    // --8<-- [start:all_of]
    /** One future per SKU; allOf waits for all, then join() reads each without blocking. */
    static CompletableFuture<List<String>> priceAll(List<String> skus, Executor pool) {
        List<CompletableFuture<String>> futures = skus.stream()
                .map(sku -> CompletableFuture
                        .supplyAsync(() -> lookup(PRICES_CENTS, sku), pool)
                        // handle gets the value, or the CompletionException around the error
                        .handle((cents, error) -> error == null
                                ? sku + " " + cents
                                : sku + " error: " + error.getCause().getMessage()))
                .toList();
        return CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0]))
                .thenApply(ignored -> futures.stream().map(CompletableFuture::join).toList());
    }
    // --8<-- [end:all_of]

    public static void main(String[] args) throws Exception {
        // --8<-- [start:demo_where]
        for (String line : whereStagesRun()) {
            System.out.println(line);
            //> supplyAsync(fn) ran on our pool: false
            //> supplyAsync(fn, pool) ran on: pricing-1
            //> thenApply on a done stage ran on: main
            //> thenApply on a running stage ran on: pricing-1
            //> thenApplyAsync(fn, pool) ran on: pricing-1
        }
        // --8<-- [end:demo_where]
        ExecutorService pool = namedPool("checkout", 4);
        try {
            // --8<-- [start:demo_compose]
            System.out.println("ada, cheese: " + checkoutTotal("ada", "cheese", pool).join());
            //> ada, cheese: 810
            System.out.println("bo, apple: " + checkoutTotal("bo", "apple", pool).join());
            //> bo, apple: 619
            try {
                checkoutTotal("eve", "apple", pool).join();
            } catch (CompletionException e) { // join() wraps the failure of any stage
                System.out.println("eve, apple: " + e.getCause().getMessage());
                //> eve, apple: no entry for 'eve'
            }
            // --8<-- [end:demo_compose]
            // --8<-- [start:demo_all_of]
            for (String line : priceAll(List.of("cheese", "caviar", "apple"), pool).join()) {
                System.out.println(line);
                //> cheese 899
                //> caviar error: no entry for 'caviar'
                //> apple 120
            }
            // --8<-- [end:demo_all_of]
        } finally {
            pool.shutdown(); // ExecutorService is AutoCloseable only from Java 19
        }
    }
}
