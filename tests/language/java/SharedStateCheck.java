import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Drives LostUpdates, Locks and ConcurrentMaps: each race every time, each fix every time. */
public final class SharedStateCheck {
    private static final int TRIALS = 50;

    private SharedStateCheck() {}

    /** Polls until `thread` is BLOCKED or WAITING on a lock; fails after 5 s. */
    static void awaitBlocked(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (thread.getState() != Thread.State.BLOCKED && thread.getState() != Thread.State.WAITING
                && thread.getState() != Thread.State.TIMED_WAITING) {
            Checks.check(System.nanoTime() < deadline, thread.getName() + " never blocked");
            Thread.sleep(1);
        }
    }

    public static void main(String[] args) throws Exception {
        lostUpdates();
        locks();
        concurrentMaps();
    }

    static void lostUpdates() throws InterruptedException {
        for (int trial = 0; trial < TRIALS; trial++) {
            Checks.equal(1, LostUpdates.unsynchronizedIncrements(), "forced lost update");
            Checks.equal("check-then-act: booked 2 of 1 seat, seats left -1", LostUpdates.bookTwice(true),
                    "forced double booking");
            Checks.equal("synchronized:   booked 1 of 1 seat, seats left 0", LostUpdates.bookTwice(false),
                    "synchronized booking");
        }
        Checks.fact("lost_update.trials", TRIALS);
        Checks.fact("exact_counts", LostUpdates.exactCounts(8, 25_000));

        // Sixteen customers, one seat: exactly one booking, every time.
        int oversold = 0;
        for (int trial = 0; trial < TRIALS; trial++) {
            LostUpdates.Seats seats = new LostUpdates.Seats();
            AtomicInteger booked = new AtomicInteger();
            List<Runnable> customers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                customers.add(() -> {
                    if (seats.book()) {
                        booked.incrementAndGet();
                    }
                });
            }
            LostUpdates.runTogether(customers);
            oversold += booked.get() == 1 && seats.left() == 0 ? 0 : 1;
        }
        Checks.fact("seats.oversold_trials", oversold);

        // book() waits for the Seats monitor: while we hold it, a booking thread is BLOCKED.
        LostUpdates.Seats seats = new LostUpdates.Seats();
        Thread customer = new Thread(seats::book, "customer");
        synchronized (seats) {
            customer.start();
            awaitBlocked(customer);
            Checks.fact("seats.customer_state_while_held", customer.getState());
        }
        customer.join();
        Checks.fact("seats.left_after", seats.left());
    }

    static void locks() throws InterruptedException {
        Locks.Account ada = new Locks.Account("ada", 10_000);
        Locks.Account bo = new Locks.Account("bo", 0);
        boolean[] outcome = new boolean[2];
        Locks.whileAnotherThreadHolds(bo.lock, () -> {
            try {
                outcome[0] = Locks.transfer(ada, bo, 1_000, 20); // `to` is the busy one
                outcome[1] = ada.lock.isLocked(); // and `from` was let go
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Checks.fact("transfer.to_busy", outcome[0]);
        Checks.fact("transfer.from_left_locked", outcome[1]);
        try {
            Locks.transfer(ada, bo, 20_000, 20);
            Checks.fact("transfer.overdraft", "allowed");
        } catch (IllegalArgumentException e) {
            Checks.fact("transfer.overdraft", e.getMessage());
        }
        Checks.fact("transfer.locks_after_overdraft", ada.lock.isLocked() + " " + bo.lock.isLocked());
        for (long amount : new long[] {0, -500}) {
            try {
                Locks.transfer(ada, bo, amount, 20);
                Checks.fact("transfer.amount_" + amount, "allowed");
            } catch (IllegalArgumentException e) {
                Checks.fact("transfer.amount_" + amount, e.getMessage());
            }
        }
        Checks.fact("transfer.balances_after_overdraft", ada.balance() + " " + bo.balance());

        // Opposite transfers at once: no deadlock, and no cent created or lost.
        Locks.Account left = new Locks.Account("left", 1_000_000);
        Locks.Account right = new Locks.Account("right", 1_000_000);
        AtomicInteger movedRight = new AtomicInteger();
        AtomicInteger movedLeft = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        Runnable leftToRight = () -> repeatTransfers(left, right, go, movedRight);
        Runnable rightToLeft = () -> repeatTransfers(right, left, go, movedLeft);
        Thread a = new Thread(leftToRight);
        Thread b = new Thread(rightToLeft);
        a.start();
        b.start();
        go.countDown();
        a.join();
        b.join();
        Checks.fact("opposite.total", left.balance() + right.balance());
        // Every transfer that reported success moved exactly one cent; no other one moved any.
        Checks.fact("opposite.left_matches_successes",
                left.balance() == 1_000_000 - movedRight.get() + movedLeft.get());
        Checks.fact("read_write", String.join("|", Locks.readWriteRules()));
    }

    static void repeatTransfers(Locks.Account from, Locks.Account to, CountDownLatch go, AtomicInteger moved) {
        try {
            go.await();
            for (int i = 0; i < 1_000; i++) {
                if (Locks.transfer(from, to, 1, 5)) {
                    moved.incrementAndGet();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void concurrentMaps() throws InterruptedException {
        for (int trial = 0; trial < TRIALS; trial++) {
            Checks.equal(2, ConcurrentMaps.getThenPut(), "forced lost hit");
            Checks.equal("16 threads, 1 load, cached Ada", ConcurrentMaps.loadOnce(16), "one load");
            Checks.equal("12 customers, 3 booked, 0 left", ConcurrentMaps.bookWithCompute(12), "compute");
        }
        Checks.fact("maps.trials", TRIALS);
        Checks.fact("maps.merged", ConcurrentMaps.merged(8, 25_000));
        Map<String, String> map = new ConcurrentHashMap<>();
        try {
            map.put(null, "value");
            Checks.fact("maps.null_key", "allowed");
        } catch (NullPointerException e) {
            Checks.fact("maps.null_key", "NullPointerException");
        }
    }
}
