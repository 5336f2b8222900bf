import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** Drives FutureFailures: fallbacks, where errors arrive wrapped, and what timeouts leave running. */
public final class FutureFailuresCheck {
    private FutureFailuresCheck() {}

    static String outcome(CompletableFuture<?> future) {
        try {
            return "value " + future.join();
        } catch (CompletionException e) {
            return "error " + e.getCause().getClass().getSimpleName();
        }
    }

    public static void main(String[] args) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Checks.fact("label.bread", outcome(FutureFailures.priceLabel("bread", pool)));
            Checks.fact("label.unknown", outcome(FutureFailures.priceLabel("ghee", pool)));
            // Map.of rejects a null key with NullPointerException: a bug, so no fallback.
            Checks.fact("label.null", outcome(FutureFailures.priceLabel(null, pool)));
            Checks.fact("errors", String.join("|", FutureFailures.howErrorsArrive(pool)));
            Checks.fact("timeouts", String.join("|", FutureFailures.timeouts(pool)));

            IllegalStateException bare = new IllegalStateException("set directly");
            CompletableFuture<Integer> failed = CompletableFuture.failedFuture(bare);
            Checks.fact("failed_future.attached", failed.handle((v, e) -> e == bare).join());
            Checks.fact("failed_future.one_stage_later", failed.thenApply(v -> v).handle(
                    (v, e) -> e instanceof CompletionException && e.getCause() == bare).join());
            Checks.fact("unwrap.bare", FutureFailures.unwrap(bare) == bare);
            Checks.fact("unwrap.wrapped", FutureFailures.unwrap(new CompletionException(bare)) == bare);

            // A call that finishes first is not replaced by the fallback.
            Checks.fact("complete_on_timeout.fast", CompletableFuture.completedFuture("real")
                    .completeOnTimeout("fallback", 5, TimeUnit.SECONDS).join());

            // cancel(true) completes the future; it does not interrupt the supplier.
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch finished = new CountDownLatch(1);
            AtomicBoolean interrupted = new AtomicBoolean(false);
            CompletableFuture<String> running = CompletableFuture.supplyAsync(() -> {
                started.countDown();
                try {
                    release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    interrupted.set(true);
                } finally {
                    finished.countDown();
                }
                return "done";
            }, pool);
            started.await();
            Checks.fact("cancel.returned", running.cancel(true));
            Checks.fact("cancel.is_cancelled", running.isCancelled());
            release.countDown();
            Checks.check(finished.await(5, TimeUnit.SECONDS), "the cancelled supplier finishes");
            Checks.fact("cancel.interrupted", interrupted.get());
        } finally {
            pool.shutdown();
            Checks.check(pool.awaitTermination(5, TimeUnit.SECONDS), "pool terminates");
        }

        // A timed-out call still queued behind a busy worker is skipped, never run.
        ExecutorService single = Executors.newSingleThreadExecutor();
        CountDownLatch busy = new CountDownLatch(1);
        single.execute(() -> Waits.await(busy));
        AtomicBoolean queuedRan = new AtomicBoolean(false);
        CompletableFuture<String> queued = CompletableFuture.supplyAsync(() -> {
            queuedRan.set(true);
            return "ran";
        }, single);
        // Attached before the timeout can fire: dependents of a timed-out future run on the
        // JDK's one delay thread.
        CompletableFuture<String> where = queued.handle((v, e) -> Thread.currentThread().getName());
        queued.orTimeout(10, TimeUnit.MILLISECONDS);
        // Read `where` first: a thread waiting on `queued` itself may help run its dependents.
        Checks.fact("queued.dependent_thread", where.join());
        Checks.fact("queued.outcome", outcome(queued));
        busy.countDown();
        single.shutdown();
        Checks.check(single.awaitTermination(5, TimeUnit.SECONDS), "single pool terminates");
        Checks.fact("queued.ran", queuedRan.get());
    }

    /** A blocking wait on a latch, bounded so a broken test cannot hang. */
    static final class Waits {
        private Waits() {}

        static void await(CountDownLatch latch) {
            try {
                latch.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
