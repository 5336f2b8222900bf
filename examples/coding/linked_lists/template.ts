/**
 * The linked-list template: a dummy head and a previous/current walk.
 *
 * `removeWhere` is a real, general helper (drop every node a predicate picks),
 * and `removeValue` is the classic problem built on it.
 */

export class ListNode {
  constructor(
    public val: number,
    public next: ListNode | null = null,
  ) {}
}

export function buildList(values: readonly number[]): ListNode | null {
  let head: ListNode | null = null;
  for (const value of [...values].reverse()) {
    head = new ListNode(value, head);
  }
  return head;
}

export function listValues(head: ListNode | null): number[] {
  const values: number[] = [];
  for (let node = head; node !== null; node = node.next) {
    values.push(node.val);
  }
  return values;
}

// --8<-- [start:template]
/**
 * Unlink every node whose value `shouldRemove` picks; return the new head.
 *
 * O(n) time, O(1) extra space. The nodes that stay are reused, not copied.
 */
export function removeWhere(
  head: ListNode | null,
  shouldRemove: (value: number) => boolean,
): ListNode | null {
  // The sentinel: even the first real node has a previous node.
  const dummy = new ListNode(0, head);
  let previous = dummy;
  let current = head;
  // Invariant: previous.next is current, and dummy..previous is the finished result.
  while (current !== null) {
    if (shouldRemove(current.val)) {
      previous.next = current.next; // unlink current; previous stays put
    } else {
      previous = current; // keep current; the finished part grows by one
    }
    current = current.next;
  }
  return dummy.next; // never the old `head`: the first node may have been removed
}
// --8<-- [end:template]

/** Remove every node holding `value` (Remove Linked List Elements). */
export function removeValue(head: ListNode | null, value: number): ListNode | null {
  return removeWhere(head, (item) => item === value);
}

/** Copy to an array, filter, build new nodes: O(n) time and O(n) space. */
export function removeValueBruteForce(
  head: ListNode | null,
  value: number,
): ListNode | null {
  return buildList(listValues(head).filter((item) => item !== value));
}

// --8<-- [start:demo]
const head = buildList([7, 7, 1, 7, 2, 7]);
console.log(JSON.stringify(listValues(removeValue(head, 7))));
//> [1,2]
const positive = removeWhere(buildList([3, -1, 4, -5]), (v) => v < 0);
console.log(JSON.stringify(listValues(positive)));
//> [3,4]
// --8<-- [end:demo]
