import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** Failures in a CompletableFuture chain: exceptionally, handle, join, get, timeouts. */
public final class FutureFailures {
    static final Map<String, Integer> PRICES_CENTS = Map.of("apple", 120, "bread", 350);

    private FutureFailures() {}

    static int fetchPrice(String sku) {
        Integer cents = PRICES_CENTS.get(sku);
        if (cents == null) {
            throw new NoSuchElementException("no price for '" + sku + "'");
        }
        return cents;
    }

    // --8<-- [start:unwrap]
    /**
     * What a stage threw arrives wrapped in a CompletionException. An error set directly
     * (completeExceptionally, failedFuture, a timeout) reaches the stages attached to
     * that future bare, and later stages wrapped.
     */
    static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null
                ? error.getCause()
                : error;
    }

    /** Fall back on the failure we expect; let every other one (a bug) fail the chain. */
    static CompletableFuture<String> priceLabel(String sku, ExecutorService pool) {
        return CompletableFuture.supplyAsync(() -> fetchPrice(sku), pool)
                .thenApply(cents -> sku + " " + cents)
                .exceptionally(error -> {
                    if (unwrap(error) instanceof NoSuchElementException) {
                        return sku + " unpriced";
                    }
                    throw error instanceof CompletionException c
                            ? c
                            : new CompletionException(error);
                });
    }
    // --8<-- [end:unwrap]

    // --8<-- [start:errors]
    static List<String> howErrorsArrive(ExecutorService pool) throws InterruptedException {
        List<String> seen = new ArrayList<>();
        CompletableFuture<Integer> failed =
                CompletableFuture.supplyAsync(() -> fetchPrice("caviar"), pool);
        seen.add(failed.thenApply(String::valueOf)
                .exceptionally(error -> "exceptionally got " + error.getClass().getSimpleName()
                        + " around " + unwrap(error).getClass().getSimpleName())
                .join());
        // handle always runs, with (value, null) or (null, error).
        seen.add("handle: " + failed.handle((cents, error) -> error == null
                ? "price " + cents
                : "fallback, because " + unwrap(error).getMessage()).join());
        try {
            failed.join();
        } catch (CompletionException e) { // unchecked, so join() fits inside lambdas
            seen.add("join() threw CompletionException around "
                    + e.getCause().getClass().getSimpleName());
        }
        try {
            failed.get();
        } catch (ExecutionException e) { // checked, as from any Future.get()
            seen.add("get() threw ExecutionException around "
                    + e.getCause().getClass().getSimpleName());
        }
        return seen;
    }
    // --8<-- [end:errors]

    // --8<-- [start:timeouts]
    /** A timeout completes the future; it does not stop the call that was computing it. */
    static List<String> timeouts(ExecutorService pool) throws InterruptedException {
        List<String> seen = new ArrayList<>();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean(false);
        CompletableFuture<String> stuck = CompletableFuture.supplyAsync(() -> {
            started.countDown();
            try {
                release.await(5, TimeUnit.SECONDS); // a slow dependency
            } catch (InterruptedException e) {
                interrupted.set(true);
            } finally {
                finished.countDown();
            }
            return "late answer";
        }, pool);
        started.await(); // the call is running before the timer starts

        // Both complete the future they are called on and return it: on a copy(),
        // the timeout leaves `stuck` itself alone.
        CompletableFuture<String> fallback =
                stuck.copy().completeOnTimeout("cached answer", 10, TimeUnit.MILLISECONDS);
        seen.add("completeOnTimeout gave: " + fallback.join());

        stuck.orTimeout(10, TimeUnit.MILLISECONDS);
        try {
            stuck.join();
        } catch (CompletionException e) {
            seen.add("orTimeout failed it with " + e.getCause().getClass().getSimpleName());
        }
        release.countDown();
        finished.await();
        seen.add("the call still ran to the end, interrupted: " + interrupted.get());
        seen.add("its answer was dropped, the future still holds: "
                + stuck.handle((value, error) -> error.getClass().getSimpleName()).join());
        return seen;
    }
    // --8<-- [end:timeouts]

    public static void main(String[] args) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // --8<-- [start:demo]
            System.out.println(priceLabel("apple", pool).join());
            //> apple 120
            System.out.println(priceLabel("caviar", pool).join());
            //> caviar unpriced
            for (String line : howErrorsArrive(pool)) {
                System.out.println(line);
                //> exceptionally got CompletionException around NoSuchElementException
                //> handle: fallback, because no price for 'caviar'
                //> join() threw CompletionException around NoSuchElementException
                //> get() threw ExecutionException around NoSuchElementException
            }
            for (String line : timeouts(pool)) {
                System.out.println(line);
                //> completeOnTimeout gave: cached answer
                //> orTimeout failed it with TimeoutException
                //> the call still ran to the end, interrupted: false
                //> its answer was dropped, the future still holds: TimeoutException
            }
            // --8<-- [end:demo]
        } finally {
            pool.shutdown();
        }
    }
}
