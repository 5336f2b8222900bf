import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;

/**
 * A fixed pool of workers fed by a bounded job queue, with a results queue. Each job gives
 * exactly one result, a value or an error; one poison pill per worker ends the pool.
 */
public final class WorkerPoolThreads {
    static final List<String> LINE_ITEMS =
            List.of("3 x 250", "1 x 1999", "two x 100", "4 x 75", "1 x -5");

    private WorkerPoolThreads() {}

    // --8<-- [start:types]
    /** One unit of work; `index` remembers where it came from. */
    record Job(int index, String payload) {}

    /** What happened to one job: exactly one of `value` and `error` is set. */
    record JobResult(int index, Integer value, String error) {
        JobResult {
            if ((value == null) == (error == null)) {
                throw new IllegalArgumentException("set exactly one of value and error");
            }
        }
    }

    /** Price a line item such as "3 x 250" (quantity x unit price in cents). */
    static int lineTotal(String payload) {
        int split = payload.indexOf(" x ");
        String quantity = split < 0 ? payload : payload.substring(0, split);
        String unitPrice = split < 0 ? "" : payload.substring(split + 3);
        // NumberFormatException on bad numbers, ArithmeticException past 2^31 - 1
        int total =
                Math.multiplyExact(Integer.parseInt(quantity), Integer.parseInt(unitPrice));
        if (total < 0) {
            throw new IllegalArgumentException("negative total in '" + payload + "'");
        }
        return total;
    }
    // --8<-- [end:types]

    // --8<-- [start:worker]
    // The poison pill: compared by identity, so no real job can be mistaken for it.
    static final Job STOP = new Job(-1, "");

    /** Take jobs until the pill arrives; report every job's outcome. */
    static Runnable worker(
            BlockingQueue<Job> jobs,
            BlockingQueue<JobResult> results,
            ToIntFunction<String> handler) {
        return () -> {
            try {
                while (true) {
                    Job job = jobs.take();
                    if (job == STOP) {
                        return;
                    }
                    JobResult result;
                    try {
                        int value = handler.applyAsInt(job.payload());
                        result = new JobResult(job.index(), value, null);
                    } catch (RuntimeException e) { // one bad job must not kill the worker
                        String error = e.getClass().getSimpleName() + ": " + e.getMessage();
                        result = new JobResult(job.index(), null, error);
                    }
                    results.put(result);
                }
            } catch (InterruptedException e) { // shutdownNow(): stop taking jobs
                Thread.currentThread().interrupt();
            }
        };
    }
    // --8<-- [end:worker]

    // --8<-- [start:run_pool]
    /** Run every payload through `handler` on `workers` threads; results in job order. */
    static List<JobResult> runPool(
            Iterable<String> payloads, ToIntFunction<String> handler, int workers)
            throws InterruptedException {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1: " + workers);
        }
        // Bounded: if workers fall behind, put() blocks the producer (backpressure).
        BlockingQueue<Job> jobs = new ArrayBlockingQueue<>(workers * 2);
        BlockingQueue<JobResult> results = new LinkedBlockingQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        for (int i = 0; i < workers; i++) {
            pool.execute(worker(jobs, results, handler));
        }
        int count = 0;
        try {
            for (String payload : payloads) {
                jobs.put(new Job(count, payload));
                count++;
            }
        } finally { // even if `payloads` throws, stop the workers so nothing hangs
            for (int i = 0; i < workers; i++) {
                jobs.put(STOP); // one per worker, queued after every real job (FIFO)
            }
            pool.shutdown(); // accept no new tasks; running workers drain the queue
            if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
                pool.shutdownNow(); // interrupts take(): the workers return
                throw new IllegalStateException("workers did not finish within 30 s");
            }
        }
        List<JobResult> collected = new ArrayList<>(results);
        if (collected.size() != count) {
            throw new IllegalStateException(count + " jobs, " + collected.size() + " results");
        }
        collected.sort(Comparator.comparingInt(JobResult::index));
        return collected;
    }
    // --8<-- [end:run_pool]

    public static void main(String[] args) throws InterruptedException {
        // --8<-- [start:demo]
        for (JobResult result : runPool(LINE_ITEMS, WorkerPoolThreads::lineTotal, 3)) {
            Object outcome = result.error() == null ? result.value() : result.error();
            String payload = LINE_ITEMS.get(result.index());
            System.out.println("job " + result.index() + " '" + payload + "': " + outcome);
            //> job 0 '3 x 250': 750
            //> job 1 '1 x 1999': 1999
            //> job 2 'two x 100': NumberFormatException: For input string: "two"
            //> job 3 '4 x 75': 300
            //> job 4 '1 x -5': IllegalArgumentException: negative total in '1 x -5'
        }
        // --8<-- [end:demo]
    }
}
