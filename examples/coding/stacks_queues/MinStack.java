import java.util.ArrayDeque;
import java.util.Deque;
import java.util.NoSuchElementException;

/**
 * A stack that also reports its minimum in O(1). Each entry remembers the
 * minimum of itself and everything below it; pop, top and getMin on an empty
 * stack throw NoSuchElementException, as ArrayDeque.pop does.
 */
public final class MinStack {
    // --8<-- [start:optimal]
    private record Entry(int value, int min) {}

    private final Deque<Entry> entries = new ArrayDeque<>();

    public void push(int value) {
        Entry below = entries.peek();
        entries.push(new Entry(value, below == null ? value : Math.min(value, below.min())));
    }

    public int pop() {
        return entries.pop().value(); // throws NoSuchElementException when empty
    }

    public int top() {
        return current().value();
    }

    public int getMin() {
        return current().min();
    }

    private Entry current() {
        Entry top = entries.peek();
        if (top == null) {
            throw new NoSuchElementException("the stack is empty");
        }
        return top;
    }
    // --8<-- [end:optimal]

    public static void main(String[] args) {
        // --8<-- [start:demo]
        MinStack stack = new MinStack();
        for (int value : new int[] {5, 2, 7}) {
            stack.push(value);
        }
        System.out.println(stack.getMin() + " " + stack.pop() + " " + stack.pop() + " " + stack.getMin());
        //> 2 7 2 5
        try {
            new MinStack().pop();
        } catch (NoSuchElementException e) {
            System.out.println("pop from an empty stack: NoSuchElementException");
            //> pop from an empty stack: NoSuchElementException
        }
        // --8<-- [end:demo]
    }
}
