import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Drives WorkerPoolThreads.java: every job once, in order, on workers that really overlap. */
public final class WorkerPoolThreadsCheck {
    private WorkerPoolThreadsCheck() {}

    static String describe(List<WorkerPoolThreads.JobResult> results) {
        List<String> lines = new ArrayList<>();
        for (WorkerPoolThreads.JobResult result : results) {
            lines.add(result.index() + ":" + (result.error() == null ? result.value() : result.error()));
        }
        return String.join("|", lines);
    }

    public static void main(String[] args) throws Exception {
        Checks.fact("demo", describe(WorkerPoolThreads.runPool(
                WorkerPoolThreads.LINE_ITEMS, WorkerPoolThreads::lineTotal, 3)));
        Checks.fact("overflow", describe(WorkerPoolThreads.runPool(
                List.of("65536 x 65536", "x 5", "3 x "), WorkerPoolThreads::lineTotal, 1)));

        for (int workers : new int[] {1, 2, 8}) {
            List<String> payloads = new ArrayList<>();
            for (int i = 0; i < 3_000; i++) {
                payloads.add(i % 3 == 0 ? "bad" : i + " x 2");
            }
            List<WorkerPoolThreads.JobResult> results =
                    WorkerPoolThreads.runPool(payloads, WorkerPoolThreads::lineTotal, workers);
            Checks.equal(payloads.size(), results.size(), "one result per job");
            for (int i = 0; i < results.size(); i++) {
                WorkerPoolThreads.JobResult result = results.get(i);
                Checks.equal(i, result.index(), "job order");
                if (i % 3 == 0) {
                    Checks.check(result.error() != null && result.value() == null, "error for job " + i);
                } else {
                    Checks.equal(i * 2, result.value(), "value for job " + i);
                }
            }
            Checks.fact("scale.workers_" + workers, results.size());
        }

        // Four workers that must all be inside the handler at once, or the barrier times out.
        CyclicBarrier allFour = new CyclicBarrier(4);
        List<WorkerPoolThreads.JobResult> together = WorkerPoolThreads.runPool(
                List.of("a", "b", "c", "d"), payload -> {
                    try {
                        return allFour.await(5, TimeUnit.SECONDS) >= 0 ? 1 : 0;
                    } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                        throw new IllegalStateException("workers did not overlap", e);
                    }
                }, 4);
        Checks.fact("overlap", describe(together));

        try {
            WorkerPoolThreads.runPool(List.of("1 x 1"), WorkerPoolThreads::lineTotal, 0);
            Checks.fact("zero_workers", "accepted");
        } catch (IllegalArgumentException e) {
            Checks.fact("zero_workers", e.getMessage());
        }

        // The input fails halfway: the error reaches the caller and the workers still stop.
        int threadsBefore = Thread.activeCount();
        Iterable<String> failing = () -> new Iterator<>() {
            private int served;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public String next() {
                if (served == 10) {
                    throw new IllegalStateException("input broke at item 10");
                }
                served++;
                return "1 x 1";
            }
        };
        try {
            WorkerPoolThreads.runPool(failing, WorkerPoolThreads::lineTotal, 3);
            Checks.fact("failing_input", "no error");
        } catch (IllegalStateException e) {
            Checks.fact("failing_input", e.getMessage());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (Thread.activeCount() > threadsBefore && System.nanoTime() < deadline) {
            Thread.sleep(5); // terminated workers take a moment to leave the thread group
        }
        // Below zero means a thread of an earlier check ended meanwhile: no worker is left then either.
        Checks.fact("failing_input.threads_left", Math.max(0, Thread.activeCount() - threadsBefore));
    }
}
