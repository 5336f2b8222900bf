import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Drives HappensBefore: the flag stops the poller, and no reader ever sees a torn snapshot. */
public final class HappensBeforeCheck {
    private HappensBeforeCheck() {}

    public static void main(String[] args) throws Exception {
        int stopped = 0;
        for (int trial = 0; trial < 20; trial++) {
            HappensBefore.Poller poller = new HappensBefore.Poller();
            Thread polling = new Thread(poller);
            polling.start();
            Thread.sleep(1); // let the loop run (and be compiled) before the flag flips
            poller.stop();
            polling.join(TimeUnit.SECONDS.toMillis(5));
            stopped += polling.isAlive() ? 0 : 1;
        }
        Checks.fact("poller.stopped_of_20", stopped);

        for (int trial = 0; trial < 100; trial++) {
            Checks.equal("version 2, GBP 790000", HappensBefore.readerWaitsForVersion2(), "reader");
        }
        Checks.fact("snapshot.reader_trials", 100);

        // A writer publishes 2,000 versions (2 to 2001), each map holding its own version number; readers
        // check every snapshot they see against itself.
        HappensBefore.RateCard card = new HappensBefore.RateCard();
        AtomicInteger torn = new AtomicInteger();
        AtomicInteger reads = new AtomicInteger();
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            readers.add(new Thread(() -> {
                int last = 0;
                while (last < 2001) {
                    HappensBefore.RateCard.Snapshot snapshot = card.current();
                    Long stamp = snapshot.microsPerUsd().get("version");
                    if (snapshot.version() > 1 && (stamp == null || stamp != snapshot.version())) {
                        torn.incrementAndGet();
                    }
                    if (snapshot.version() < last) {
                        torn.incrementAndGet(); // a volatile never goes back to an older write
                    }
                    last = snapshot.version();
                    reads.incrementAndGet();
                }
            }));
        }
        readers.forEach(Thread::start);
        for (long version = 2; version <= 2001; version++) {
            card.publish(Map.of("version", version));
        }
        for (Thread reader : readers) {
            reader.join(TimeUnit.SECONDS.toMillis(10));
            Checks.check(!reader.isAlive(), "a reader saw the last version");
        }
        Checks.fact("snapshot.torn", torn.get());

        Map<String, Long> mine = new HashMap<>(Map.of("EUR", 1L));
        card.publish(mine);
        mine.put("EUR", 2L);
        Checks.fact("snapshot.copied", card.current().microsPerUsd().get("EUR"));
        try {
            card.current().microsPerUsd().put("EUR", 3L);
            Checks.fact("snapshot.mutable", true);
        } catch (UnsupportedOperationException e) {
            Checks.fact("snapshot.mutable", false);
        }
        Checks.fact("future_get", String.join("|", HappensBefore.filledByTask()));
    }
}
