import java.util.ArrayList;
import java.util.List;

/** Remove the n-th node from the end of a linked list in one pass: two pointers n apart. */
public final class RemoveNthFromEnd {
    private RemoveNthFromEnd() {}

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

    // --8<-- [start:optimal]
    /**
     * Unlinks the n-th node from the end (n = 1 is the tail). O(L) time, O(1) space.
     *
     * @throws IllegalArgumentException unless 1 <= n <= the list's length
     */
    static ListNode removeNthFromEnd(ListNode head, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, not " + n);
        }
        ListNode dummy = new ListNode(0, head);
        ListNode lead = dummy;
        for (int i = 0; i < n; i++) { // open a gap of n nodes between trail and lead
            if (lead.next == null) {
                throw new IllegalArgumentException("n = " + n + " is more than the list's length");
            }
            lead = lead.next;
        }
        ListNode trail = dummy;
        // Invariant: lead is n nodes ahead of trail.
        while (lead.next != null) {
            lead = lead.next;
            trail = trail.next;
        }
        // lead is the tail, so trail is n + 1 from the end: just before the victim.
        trail.next = trail.next.next;
        return dummy.next; // not head: the victim may have been the head
    }
    // --8<-- [end:optimal]

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
        System.out.println(values(removeNthFromEnd(build(1, 2, 3, 4, 5), 2)));
        //> [1, 2, 3, 5]
        System.out.println(values(removeNthFromEnd(build(1, 2), 2))); // the head goes
        //> [2]
        try {
            removeNthFromEnd(build(1), 2);
        } catch (IllegalArgumentException e) {
            System.out.println(e.getMessage());
            //> n = 2 is more than the list's length
        }
        // --8<-- [end:demo]
    }
}
