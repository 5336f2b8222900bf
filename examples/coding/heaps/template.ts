/**
 * The heap toolkit. JavaScript has no built-in priority queue, so this file
 * starts with a small typed binary heap; then a max-heap by flipping the
 * comparison, entries that break ties by arrival, and a bounded heap that
 * keeps the k largest items of a stream.
 */

// --8<-- [start:binary_heap]
/**
 * A binary min-heap ordered by `compare` (negative: a comes out before b),
 * the contract Array.prototype.sort uses. The items live in an array read
 * level by level: the children of index i sit at 2i + 1 and 2i + 2.
 * undefined answers "empty", so an item can never be undefined or null.
 */
export class BinaryHeap<T extends NonNullable<unknown>> {
  readonly #items: T[];
  readonly #compare: (a: T, b: T) => number;

  /** Heapify the given items in O(n): sift down every parent, last first. */
  constructor(compare: (a: T, b: T) => number, items: Iterable<T> = []) {
    this.#compare = compare;
    this.#items = [...items];
    for (let i = Math.floor(this.#items.length / 2) - 1; i >= 0; i--) {
      this.#siftDown(i);
    }
  }

  get size(): number {
    return this.#items.length;
  }

  /** The first item out, in O(1); undefined when empty. */
  peek(): T | undefined {
    return this.#items[0];
  }

  /** O(log n). */
  push(item: T): void {
    this.#items.push(item);
    this.#siftUp(this.#items.length - 1);
  }

  /** Remove and return the first item, in O(log n); undefined when empty. */
  pop(): T | undefined {
    const top = this.#items[0];
    const last = this.#items.pop();
    if (last !== undefined && this.#items.length > 0) {
      this.#items[0] = last; // the last leaf fills the root's hole, then sinks
      this.#siftDown(0);
    }
    return top;
  }

  /** Pop, then push, in one O(log n) pass; on an empty heap, just push. */
  replace(item: T): T | undefined {
    const top = this.#items[0];
    if (top === undefined) {
      this.push(item);
      return undefined;
    }
    this.#items[0] = item;
    this.#siftDown(0);
    return top;
  }

  /** A copy of the array in heap order: a heap, not a sorted list. */
  toArray(): T[] {
    return [...this.#items];
  }

  #siftUp(index: number): void {
    const item = this.#items[index];
    if (item === undefined) {
      return;
    }
    let i = index;
    // Invariant: every parent-child pair is in order, except perhaps
    // `item` against its parent.
    while (i > 0) {
      const parentIndex = (i - 1) >> 1;
      const parent = this.#items[parentIndex];
      if (parent === undefined || this.#compare(item, parent) >= 0) {
        break;
      }
      this.#items[i] = parent; // the parent moves down into the hole
      i = parentIndex;
    }
    this.#items[i] = item;
  }

  #siftDown(index: number): void {
    const item = this.#items[index];
    if (item === undefined) {
      return;
    }
    let i = index;
    for (;;) {
      let childIndex = 2 * i + 1;
      let child = this.#items[childIndex];
      if (child === undefined) {
        break; // a leaf
      }
      const right = this.#items[childIndex + 1];
      if (right !== undefined && this.#compare(right, child) < 0) {
        childIndex += 1;
        child = right;
      }
      if (this.#compare(child, item) >= 0) {
        break;
      }
      this.#items[i] = child; // the smaller child moves up into the hole
      i = childIndex;
    }
    this.#items[i] = item;
  }
}
// --8<-- [end:binary_heap]

// --8<-- [start:k_largest]
/**
 * The k items with the largest keys, largest first; ties keep the earlier item.
 *
 * Same answer as a stable sort by key, descending, cut to k, in one pass
 * that holds at most k entries. Time O(n log k), extra space O(k).
 */
export function kLargest<T>(
  items: Iterable<T>,
  k: number,
  key: (item: T) => number,
): T[] {
  if (!Number.isInteger(k) || k < 0) {
    throw new RangeError(`k must be a whole number, zero or more, not ${k}`);
  }
  type Entry = { key: number; arrival: number; item: T };
  // Among equal keys the later arrival is the smaller entry, the first to be evicted.
  const smaller = (a: Entry, b: Entry): number =>
    a.key - b.key || b.arrival - a.arrival;
  const heap = new BinaryHeap<Entry>(smaller);
  let arrival = 0;
  for (const item of items) {
    const entry = { key: key(item), arrival: arrival++, item };
    // Invariant: heap holds the k largest entries seen so far, and heap.peek()
    // is the smallest of them: the bar a newcomer has to clear.
    const bar = heap.peek();
    if (heap.size < k) {
      heap.push(entry);
    } else if (bar !== undefined && smaller(entry, bar) > 0) {
      heap.replace(entry); // pop the bar, push the newcomer
    }
  }
  return heap
    .toArray()
    .sort((a, b) => smaller(b, a))
    .map((entry) => entry.item);
}
// --8<-- [end:k_largest]

// --8<-- [start:basics]
const heap = new BinaryHeap<number>((a, b) => a - b, [5, 1, 8, 3, 2, 9]); // O(n)
console.log(JSON.stringify(heap.toArray())); // a heap, not a sorted list
//> [1,2,8,3,5,9]
console.log(heap.peek()); // the smallest, always at index 0
//> 1
console.log(heap.pop(), heap.pop()); // O(log n) each
//> 1 2
heap.push(0); // O(log n)
console.log(heap.peek());
//> 0
// --8<-- [end:basics]
// --8<-- [start:max_heap]
const loads = [40, 75, 10];
const busiest = new BinaryHeap<number>((a, b) => b - a, loads); // flip the comparison
console.log(busiest.peek()); // no negating on the way in or out
//> 75
console.log(busiest.pop(), busiest.pop());
//> 75 40
// --8<-- [end:max_heap]
// --8<-- [start:tiebreak]
type Job = { priority: number; arrival: number; name: string };
let arrivals = 0;
const jobs = new BinaryHeap<Job>(
  (a, b) => a.priority - b.priority || a.arrival - b.arrival,
);
for (const [priority, name] of [[2, "email"], [1, "bill"]] as const) {
  jobs.push({ priority, arrival: arrivals++, name });
}
jobs.push({ priority: 2, arrival: arrivals++, name: "sms" }); // ties with email
const names = [jobs.pop(), jobs.pop(), jobs.pop()].map((job) => job?.name);
console.log(JSON.stringify(names)); // ties: first in
//> ["bill","email","sms"]
// --8<-- [end:tiebreak]
// --8<-- [start:demo]
const words = ["kiwi", "fig", "banana", "plum", "cherry"];
const byLength = (word: string): number => word.length;
// Two six-letter words tie: the first wins.
console.log(JSON.stringify(kLargest(words, 2, byLength)));
//> ["banana","cherry"]
// kiwi and plum tie: kiwi came first.
console.log(JSON.stringify(kLargest(words, 3, byLength)));
//> ["banana","cherry","kiwi"]
// A full sort agrees: Array.prototype.sort is stable, so ties keep their order.
console.log(JSON.stringify([...words].sort((a, b) => b.length - a.length).slice(0, 3)));
//> ["banana","cherry","kiwi"]
// --8<-- [end:demo]
