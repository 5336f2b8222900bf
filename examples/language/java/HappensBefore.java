import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Three happens-before edges (JLS 17.4.5) that make one thread's writes visible to another:
 * a volatile write and read, final fields plus a volatile reference, and Future.get().
 */
public final class HappensBefore {
    private HappensBefore() {}

    // --8<-- [start:stop_flag]
    /** Polls until asked to stop; without volatile, the loop may never see the request. */
    static final class Poller implements Runnable {
        private volatile boolean stopRequested;

        @Override
        public void run() {
            while (!stopRequested) { // a volatile read each time: it cannot be hoisted
                Thread.onSpinWait(); // stand-in for one unit of polling work
            }
        }

        void stop() {
            stopRequested = true; // a volatile write: happens-before every later read of it
        }
    }
    // --8<-- [end:stop_flag]

    // --8<-- [start:snapshot]
    /** Rates as one immutable snapshot: a reader sees the old one or the new one, whole. */
    static final class RateCard {
        /** Record fields are final (JLS 17.5): whoever gets the reference sees them set. */
        record Snapshot(int version, Map<String, Long> microsPerUsd) {
            Snapshot {
                microsPerUsd = Map.copyOf(microsPerUsd); // immutable, and no caller keeps a handle
            }
        }

        private volatile Snapshot current = new Snapshot(1, Map.of("EUR", 920_000L));

        Snapshot current() {
            return current; // no lock: one volatile read
        }

        /** One writer thread; with several, use AtomicReference.updateAndGet instead. */
        void publish(Map<String, Long> rates) {
            current = new Snapshot(current.version() + 1, rates); // built first, then published
        }
    }

    static String readerWaitsForVersion2() throws InterruptedException {
        RateCard card = new RateCard();
        String[] seen = new String[1]; // written by the reader, read by us after join()
        Thread reader = new Thread(() -> {
            RateCard.Snapshot snapshot;
            while ((snapshot = card.current()).version() < 2) {
                Thread.onSpinWait();
            }
            seen[0] = "version " + snapshot.version()
                    + ", GBP " + snapshot.microsPerUsd().get("GBP");
        });
        reader.start();
        Thread writer =
                new Thread(() -> card.publish(Map.of("EUR", 915_000L, "GBP", 790_000L)));
        writer.start();
        writer.join();
        reader.join(); // join is an edge too: the reader's writes are visible after it returns
        return seen[0];
    }
    // --8<-- [end:snapshot]

    // --8<-- [start:future_get]
    /** A plain list filled inside a task is safe to read after Future.get() returns. */
    static List<String> filledByTask() throws InterruptedException, ExecutionException {
        List<String> lines = new ArrayList<>(); // not thread-safe, and it need not be
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> done = pool.submit(() -> {
                lines.add("written on a pool thread");
                lines.add("read on main after get()");
            });
            done.get(); // the task's actions happen-before get() returns
            return lines;
        } finally {
            pool.shutdown();
        }
    }
    // --8<-- [end:future_get]

    public static void main(String[] args) throws Exception {
        // --8<-- [start:demo]
        Poller poller = new Poller();
        Thread polling = new Thread(poller);
        polling.start();
        poller.stop();
        polling.join(TimeUnit.SECONDS.toMillis(5));
        System.out.println("poller stopped: " + !polling.isAlive());
        //> poller stopped: true
        System.out.println("reader saw " + readerWaitsForVersion2());
        //> reader saw version 2, GBP 790000
        for (String line : filledByTask()) {
            System.out.println(line);
            //> written on a pool thread
            //> read on main after get()
        }
        // --8<-- [end:demo]
    }
}
