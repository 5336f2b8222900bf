import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Races on shared state, made certain instead of rare: a barrier holds two threads between
 * their read and their write, the gap a context switch opens now and then under load.
 */
public final class LostUpdates {
    private LostUpdates() {}

    /** Runs each task on its own thread and waits for all of them. */
    static void runTogether(List<Runnable> tasks) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (Runnable task : tasks) {
            threads.add(new Thread(task));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join(); // join: everything the thread wrote is visible after it returns
        }
    }

    static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (BrokenBarrierException e) {
            throw new IllegalStateException(e);
        }
    }

    // --8<-- [start:lost_update]
    static int count; // shared, and guarded by nothing

    /** count++ is a read, an add and a write; two threads read before either writes. */
    static int unsynchronizedIncrements() throws InterruptedException {
        count = 0;
        CyclicBarrier bothHaveRead = new CyclicBarrier(2);
        Runnable increment = () -> {
            int seen = count; // read
            await(bothHaveRead); // the gap between read and write, held open
            count = seen + 1; // write: both threads write 1
        };
        runTogether(List.of(increment, increment));
        return count;
    }
    // --8<-- [end:lost_update]

    // --8<-- [start:synchronized]
    /** A counter whose read-add-write is one step under its monitor. */
    static final class Counter {
        private int value;

        synchronized void increment() {
            value++;
        }

        synchronized int value() { // reads lock too: the lock is also what makes writes visible
            return value;
        }
    }

    static String exactCounts(int threads, int perThread) throws InterruptedException {
        Counter counter = new Counter();
        AtomicInteger atomic = new AtomicInteger(); // one CAS per increment
        LongAdder adder = new LongAdder(); // cells per thread, summed on read: for hot counters
        List<Runnable> tasks = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            tasks.add(() -> {
                for (int i = 0; i < perThread; i++) {
                    counter.increment();
                    atomic.incrementAndGet();
                    adder.increment();
                }
            });
        }
        runTogether(tasks);
        return "synchronized " + counter.value() + ", AtomicInteger " + atomic.get()
                + ", LongAdder " + adder.sum();
    }
    // --8<-- [end:synchronized]

    // --8<-- [start:check_then_act]
    /** One seat left; every booking checks it is free, then takes it. */
    static final class Seats {
        private int left = 1;

        /** Broken: the check and the act are two steps, and `between` runs in the gap. */
        boolean bookRacy(Runnable between) {
            if (left > 0) { // check
                between.run();
                left--; // act, on a check that may no longer hold
                return true;
            }
            return false;
        }

        /** Fixed: under the monitor, check and act are one step; a second caller waits. */
        synchronized boolean book() {
            if (left > 0) {
                left--;
                return true;
            }
            return false;
        }

        synchronized int left() {
            return left;
        }
    }

    static String bookTwice(boolean racy) throws InterruptedException {
        Seats seats = new Seats();
        AtomicInteger booked = new AtomicInteger();
        CyclicBarrier bothChecked = new CyclicBarrier(2);
        Runnable customer = () -> {
            boolean ok = racy ? seats.bookRacy(() -> await(bothChecked)) : seats.book();
            if (ok) {
                booked.incrementAndGet();
            }
        };
        runTogether(List.of(customer, customer));
        return (racy ? "check-then-act: " : "synchronized:   ")
                + "booked " + booked.get() + " of 1 seat, seats left " + seats.left();
    }
    // --8<-- [end:check_then_act]

    public static void main(String[] args) throws InterruptedException {
        // --8<-- [start:demo]
        System.out.println("two unsynchronized count++: " + unsynchronizedIncrements());
        //> two unsynchronized count++: 1
        System.out.println(exactCounts(4, 100_000));
        //> synchronized 400000, AtomicInteger 400000, LongAdder 400000
        System.out.println(bookTwice(true));
        //> check-then-act: booked 2 of 1 seat, seats left -1
        System.out.println(bookTwice(false));
        //> synchronized:   booked 1 of 1 seat, seats left 0
        // --8<-- [end:demo]
    }
}
