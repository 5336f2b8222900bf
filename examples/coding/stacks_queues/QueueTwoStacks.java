import java.util.ArrayDeque;
import java.util.Deque;
import java.util.NoSuchElementException;

/** A FIFO queue from two LIFO stacks, amortized O(1) per operation. */
public final class QueueTwoStacks {
    private QueueTwoStacks() {}

    // --8<-- [start:optimal]
    /**
     * New items go on inbox; outbox holds older items, oldest on top. When outbox is
     * empty, pour all of inbox into it, which reverses the order. Each item is moved at
     * most once: pushed on inbox, moved to outbox, popped. So n operations cost O(n) in
     * all: amortized O(1) per operation, although one pop can take O(n). Empty pop and
     * peek throw NoSuchElementException.
     */
    public static final class TwoStackQueue {
        private final Deque<Integer> inbox = new ArrayDeque<>();
        private final Deque<Integer> outbox = new ArrayDeque<>();

        public void push(int value) {
            inbox.push(value);
        }

        private void refill() {
            if (outbox.isEmpty()) { // only when empty: refilling early breaks FIFO order
                while (!inbox.isEmpty()) {
                    outbox.push(inbox.pop());
                }
            }
            if (outbox.isEmpty()) {
                throw new NoSuchElementException("the queue is empty");
            }
        }

        public int pop() {
            refill();
            return outbox.pop();
        }

        public int peek() {
            refill();
            return outbox.element();
        }

        public boolean isEmpty() {
            return inbox.isEmpty() && outbox.isEmpty();
        }

        public int size() {
            return inbox.size() + outbox.size();
        }
    }
    // --8<-- [end:optimal]

    public static void main(String[] args) {
        TwoStackQueue queue = new TwoStackQueue();
        for (int value : new int[] {1, 2, 3}) {
            queue.push(value);
        }
        System.out.println(queue.pop() + " " + queue.peek() + " " + queue.size());
        //> 1 2 2
        try {
            new TwoStackQueue().pop();
        } catch (NoSuchElementException e) {
            System.out.println(e.getMessage());
            //> the queue is empty
        }
    }
}
