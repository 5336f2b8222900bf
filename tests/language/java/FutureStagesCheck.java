import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

/** Drives FutureStages: where stages run, every checkout combination, allOf's waiting. */
public final class FutureStagesCheck {
    private FutureStagesCheck() {}

    public static void main(String[] args) throws Exception {
        Checks.fact("available_processors", Runtime.getRuntime().availableProcessors());
        Checks.fact("common_pool_parallelism", ForkJoinPool.getCommonPoolParallelism());
        Checks.fact("no_executor_thread",
                CompletableFuture.supplyAsync(FutureStages::threadName).join());
        Checks.fact("where", String.join("|", FutureStages.whereStagesRun()));

        ExecutorService pool = FutureStages.namedPool("check", 4);
        try {
            for (String customer : List.of("ada", "bo", "eve")) {
                for (String sku : List.of("apple", "bread", "cheese", "caviar")) {
                    String outcome;
                    try {
                        outcome = String.valueOf(FutureStages.checkoutTotal(customer, sku, pool).join());
                    } catch (CompletionException e) {
                        outcome = e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage();
                    }
                    Checks.fact("total." + customer + "." + sku, outcome);
                }
            }

            List<String> skus = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                skus.add(List.of("apple", "bread", "cheese", "sku-" + i).get(i % 4));
            }
            List<String> priced = FutureStages.priceAll(skus, pool).join();
            Checks.equal(skus.size(), priced.size(), "one line per SKU");
            for (int i = 0; i < skus.size(); i++) {
                Checks.check(priced.get(i).startsWith(skus.get(i) + " "), "input order at " + i);
            }
            Checks.fact("price_all.lines", priced.size());
            Checks.fact("price_all.errors", priced.stream().filter(l -> l.contains(" error: ")).count());
            Checks.fact("price_all.empty", FutureStages.priceAll(List.of(), pool).join());

            // allOf waits for every future, even after one has failed, and cancels none.
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<String> slow = CompletableFuture.supplyAsync(() -> {
                FutureStages.awaitQuietly(release);
                return "slow done";
            }, pool);
            CompletableFuture<Integer> failed =
                    CompletableFuture.supplyAsync(() -> FutureStages.lookup(FutureStages.PRICES_CENTS, "caviar"), pool);
            CompletableFuture<Void> all = CompletableFuture.allOf(slow, failed);
            try {
                failed.join();
            } catch (CompletionException expected) {
                // failed is complete now
            }
            Checks.fact("all_of.done_while_one_runs", all.isDone());
            release.countDown();
            try {
                all.join();
                Checks.fact("all_of.outcome", "completed normally");
            } catch (CompletionException e) {
                Checks.fact("all_of.outcome", e.getCause().getClass().getSimpleName());
            }
            Checks.fact("all_of.slow", slow.join());
            Checks.fact("all_of.slow_cancelled", slow.isCancelled());
        } finally {
            pool.shutdown();
            Checks.check(pool.awaitTermination(5, TimeUnit.SECONDS), "pool terminates");
        }
    }
}
