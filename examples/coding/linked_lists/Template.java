import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * The linked-list template: a dummy head and a previous/current walk.
 *
 * <p>removeWhere is a real, general helper (drop every node a predicate picks), and removeValue
 * is the classic problem built on it.
 */
public final class Template {
    private Template() {}

    /** A singly linked node. */
    static final class ListNode {
        int val;
        ListNode next;

        ListNode(int val) {
            this.val = val;
        }

        ListNode(int val, ListNode next) {
            this.val = val;
            this.next = next;
        }
    }

    // --8<-- [start:template]
    /**
     * Unlinks every node whose value shouldRemove picks and returns the new head. O(n) time, O(1)
     * extra space. The nodes that stay are reused, not copied.
     */
    static ListNode removeWhere(ListNode head, IntPredicate shouldRemove) {
        ListNode dummy = new ListNode(0, head); // sentinel: even the first real node has a previous node
        ListNode previous = dummy;
        ListNode current = head;
        // Invariant: previous.next is current, and dummy..previous is the finished result.
        while (current != null) {
            if (shouldRemove.test(current.val)) {
                previous.next = current.next; // unlink current; previous stays put
            } else {
                previous = current; // keep current; the finished part grows by one
            }
            current = current.next;
        }
        return dummy.next; // never the old head: the first node may have been removed
    }
    // --8<-- [end:template]

    /** Removes every node holding value (Remove Linked List Elements). */
    static ListNode removeValue(ListNode head, int value) {
        return removeWhere(head, item -> item == value);
    }

    static ListNode listOf(int... values) {
        ListNode dummy = new ListNode(0);
        ListNode tail = dummy;
        for (int value : values) {
            tail.next = new ListNode(value);
            tail = tail.next;
        }
        return dummy.next;
    }

    static List<Integer> valuesOf(ListNode head) {
        List<Integer> values = new ArrayList<>();
        for (ListNode node = head; node != null; node = node.next) {
            values.add(node.val);
        }
        return values;
    }

    public static void main(String[] args) {
        // --8<-- [start:demo]
        ListNode head = listOf(7, 7, 1, 7, 2, 7);
        System.out.println(valuesOf(removeValue(head, 7)));
        //> [1, 2]
        System.out.println(valuesOf(removeWhere(listOf(3, -1, 4, -5), v -> v < 0)));
        //> [3, 4]
        // --8<-- [end:demo]
    }
}
