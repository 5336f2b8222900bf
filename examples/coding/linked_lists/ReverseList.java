import java.util.ArrayList;
import java.util.List;

/** Reverse a singly linked list: iteratively, and recursively. */
public final class ReverseList {
    private ReverseList() {}

    static final class ListNode {
        final int val;
        ListNode next;

        ListNode(int val) {
            this.val = val;
        }

        ListNode(int val, ListNode next) {
            this.val = val;
            this.next = next;
        }
    }

    // --8<-- [start:iterative]
    /** Reverses in place and returns the new head (the old tail). O(n) time, O(1) space. */
    static ListNode reverseList(ListNode head) {
        ListNode previous = null;
        ListNode current = head;
        // Invariant: previous heads the reversed part, current heads the untouched rest.
        while (current != null) {
            ListNode rest = current.next; // save the rest before the next line overwrites it
            current.next = previous;
            previous = current;
            current = rest;
        }
        return previous;
    }
    // --8<-- [end:iterative]

    // --8<-- [start:recursive]
    /**
     * Reverses the rest, then hangs head after its old successor. O(n) time and O(n)
     * stack: one frame per node, so a long enough list throws StackOverflowError.
     */
    static ListNode reverseListRecursive(ListNode head) {
        if (head == null || head.next == null) {
            return head;
        }
        ListNode newHead = reverseListRecursive(head.next);
        head.next.next = head; // head.next is now the tail of the reversed rest
        head.next = null; // cut: the old head becomes the new tail
        return newHead;
    }
    // --8<-- [end:recursive]

    private static ListNode build(int... values) {
        ListNode head = null;
        for (int i = values.length - 1; i >= 0; i--) {
            head = new ListNode(values[i], head);
        }
        return head;
    }

    private static List<Integer> values(ListNode head) {
        List<Integer> values = new ArrayList<>();
        for (ListNode node = head; node != null; node = node.next) {
            values.add(node.val);
        }
        return values;
    }

    public static void main(String[] args) {
        // --8<-- [start:demo]
        System.out.println(values(reverseList(build(1, 2, 3, 4))));
        //> [4, 3, 2, 1]
        System.out.println(values(reverseListRecursive(build(1, 2, 3, 4))));
        //> [4, 3, 2, 1]
        // --8<-- [end:demo]
    }
}
