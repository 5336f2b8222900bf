import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/** ReentrantLock with a tryLock timeout, and what a ReentrantReadWriteLock allows. */
public final class Locks {
    private Locks() {}

    // --8<-- [start:try_lock]
    static final class Account {
        final String id;
        final ReentrantLock lock = new ReentrantLock();
        private long balanceCents; // guarded by lock

        Account(String id, long balanceCents) {
            this.id = id;
            this.balanceCents = balanceCents;
        }

        long balance() {
            lock.lock();
            try {
                return balanceCents;
            } finally {
                lock.unlock(); // always in finally: an exception must not leak a held lock
            }
        }
    }

    /** Takes both locks or gives up within the timeout: a busy lock cannot hang the caller. */
    static boolean transfer(Account from, Account to, long cents, long timeoutMillis)
            throws InterruptedException {
        if (cents <= 0) {
            throw new IllegalArgumentException("amount must be positive: " + cents);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        if (!from.lock.tryLock(timeoutMillis, TimeUnit.MILLISECONDS)) {
            return false;
        }
        try {
            if (!to.lock.tryLock(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                return false; // we let go of `from` too, so two opposite transfers cannot deadlock
            }
            try {
                if (from.balanceCents < cents) {
                    throw new IllegalArgumentException(from.id + " has less than " + cents);
                }
                from.balanceCents -= cents;
                to.balanceCents += cents;
                return true;
            } finally {
                to.lock.unlock();
            }
        } finally {
            from.lock.unlock();
        }
    }
    // --8<-- [end:try_lock]

    // --8<-- [start:held_elsewhere]
    /** Runs `whileHeld` while another thread holds `lock`, then lets that thread unlock it. */
    static void whileAnotherThreadHolds(Lock lock, Runnable whileHeld)
            throws InterruptedException {
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            lock.lock();
            try {
                locked.countDown();
                letGo.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                lock.unlock();
            }
        });
        holder.start();
        locked.await();
        try {
            whileHeld.run();
        } finally {
            letGo.countDown();
            holder.join(); // the lock is free again once join returns
        }
    }
    // --8<-- [end:held_elsewhere]


    // --8<-- [start:read_write]
    static boolean tryAndRelease(Lock lock) {
        if (lock.tryLock()) {
            lock.unlock();
            return true;
        }
        return false;
    }

    static List<String> readWriteRules() throws InterruptedException {
        List<String> seen = new ArrayList<>();
        ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
        whileAnotherThreadHolds(rw.readLock(), () -> {
            seen.add("a second reader while one reads: " + tryAndRelease(rw.readLock()));
            seen.add("a writer while one reads: " + tryAndRelease(rw.writeLock()));
        });
        rw.readLock().lock();
        try { // lock() here would wait forever: for our own read lock to go
            seen.add("upgrade, read lock to write lock: " + tryAndRelease(rw.writeLock()));
        } finally {
            rw.readLock().unlock();
        }
        rw.writeLock().lock();
        try {
            seen.add("downgrade, write lock to read lock: " + tryAndRelease(rw.readLock()));
        } finally {
            rw.writeLock().unlock();
        }
        return seen;
    }
    // --8<-- [end:read_write]

    public static void main(String[] args) throws InterruptedException {
        // --8<-- [start:demo]
        Account ada = new Account("ada", 10_000);
        Account bo = new Account("bo", 0);
        whileAnotherThreadHolds(ada.lock, () -> {
            try {
                boolean done = transfer(ada, bo, 3_000, 20);
                System.out.println("transfer while ada is locked: " + done);
                //> transfer while ada is locked: false
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        System.out.println("transfer once it is free: " + transfer(ada, bo, 3_000, 20));
        //> transfer once it is free: true
        System.out.println("balances: ada " + ada.balance() + ", bo " + bo.balance());
        //> balances: ada 7000, bo 3000
        for (String line : readWriteRules()) {
            System.out.println(line);
            //> a second reader while one reads: true
            //> a writer while one reads: false
            //> upgrade, read lock to write lock: false
            //> downgrade, write lock to read lock: true
        }
        // --8<-- [end:demo]
    }
}
