import java.util.ArrayList;
import java.util.List;

/** Merge two sorted linked lists into one sorted list, reusing their nodes. */
public final class MergeTwoLists {
    private MergeTwoLists() {}

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
     * Splices the nodes of two sorted lists together. O(m + n) time, O(1) space.
     * Stable: on a tie the node from first goes first.
     */
    static ListNode mergeTwoLists(ListNode first, ListNode second) {
        ListNode dummy = new ListNode(0);
        ListNode tail = dummy;
        // Invariant: dummy.next..tail is sorted and holds every node taken so far.
        while (first != null && second != null) {
            if (second.val < first.val) {
                tail.next = second;
                second = second.next;
            } else {
                tail.next = first;
                first = first.next;
            }
            tail = tail.next;
        }
        tail.next = first != null ? first : second; // one side is done: attach the rest
        return dummy.next;
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
        ListNode merged = mergeTwoLists(build(1, 4, 4, 9), build(-2, 4, 10));
        System.out.println(values(merged));
        //> [-2, 1, 4, 4, 4, 9, 10]
        // --8<-- [end:demo]
    }
}
