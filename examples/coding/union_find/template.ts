/**
 * Union-find (disjoint set union): a parent array, find with path compression,
 * union by size. Two flavors: integer elements 0..n-1 in arrays, and any keys
 * in Maps.
 */

// --8<-- [start:disjoint_set]
/**
 * Elements 0..n-1, each starting in a set of its own.
 *
 * Invariant: following parent[] from any element ends at its set's root,
 * the one element with parent[root] === root; two elements are in the same
 * set exactly when they reach the same root. size[r] is right for roots only.
 * Amortized O(alpha(n)) per find or union; space O(n).
 */
export class DisjointSet {
  readonly parent: number[];
  readonly size: number[];
  #count: number;

  constructor(n: number) {
    if (!Number.isInteger(n) || n < 0) {
      throw new RangeError(`n must be a whole number >= 0, got ${n}`);
    }
    this.parent = Array.from({ length: n }, (_, i) => i);
    this.size = new Array<number>(n).fill(1);
    this.#count = n;
  }

  /** Number of disjoint sets. */
  get count(): number {
    return this.#count;
  }

  /** The root of x's set; every node on the way ends up pointing at it. */
  find(x: number): number {
    let root = x;
    for (let up = this.#parentOf(root); up !== root; up = this.#parentOf(root)) {
      root = up;
    }
    for (let node = x; node !== root; ) {
      // second pass: path compression
      const up = this.#parentOf(node);
      this.parent[node] = root;
      node = up;
    }
    return root;
  }

  /** Merge the sets of a and b; false if they were already one set. */
  union(a: number, b: number): boolean {
    let rootA = this.find(a);
    let rootB = this.find(b);
    if (rootA === rootB) {
      return false;
    }
    if (this.#sizeOf(rootA) < this.#sizeOf(rootB)) {
      [rootA, rootB] = [rootB, rootA];
    }
    this.parent[rootB] = rootA; // the smaller tree goes under the larger
    this.size[rootA] = this.#sizeOf(rootA) + this.#sizeOf(rootB);
    this.#count -= 1; // only here: two different roots became one
    return true;
  }

  connected(a: number, b: number): boolean {
    return this.find(a) === this.find(b);
  }

  /** parent[x], or a RangeError for a non-element (-1 must not alias n - 1). */
  #parentOf(x: number): number {
    const up = this.parent[x];
    if (up === undefined) {
      throw new RangeError(`${x} is not an element 0..${this.parent.length - 1}`);
    }
    return up;
  }

  #sizeOf(root: number): number {
    return this.size[root] ?? 0; // root came from find(), so it is an element
  }
}
// --8<-- [end:disjoint_set]

// --8<-- [start:keyed]
/**
 * The same structure over any keys a Map holds (emails, coordinates).
 *
 * Keys match as Map keys do: strings and numbers by value, objects and
 * arrays by identity, so write a coordinate as the string `${row},${col}`.
 * A key joins as a set of its own the first time add(), find() or union()
 * sees it, so count includes keys that never met another one.
 */
export class KeyedDisjointSet<K> {
  readonly #parent = new Map<K, K>();
  readonly #size = new Map<K, number>();
  #count = 0;

  get count(): number {
    return this.#count;
  }

  add(key: K): void {
    if (!this.#parent.has(key)) {
      this.#parent.set(key, key);
      this.#size.set(key, 1);
      this.#count += 1;
    }
  }

  find(key: K): K {
    this.add(key);
    let root = key;
    for (let up = this.#parentOf(root); up !== root; up = this.#parentOf(root)) {
      root = up;
    }
    for (let node = key; node !== root; ) {
      const up = this.#parentOf(node);
      this.#parent.set(node, root);
      node = up;
    }
    return root;
  }

  union(a: K, b: K): boolean {
    let rootA = this.find(a);
    let rootB = this.find(b);
    if (rootA === rootB) {
      return false;
    }
    const sizeA = this.#size.get(rootA) ?? 0; // roots are added keys: both are set
    const sizeB = this.#size.get(rootB) ?? 0;
    if (sizeA < sizeB) {
      [rootA, rootB] = [rootB, rootA];
    }
    this.#parent.set(rootB, rootA);
    this.#size.set(rootA, sizeA + sizeB);
    this.#count -= 1;
    return true;
  }

  /** A key's parent; every key on a find path was added, so has() holds. */
  #parentOf(key: K): K {
    return this.#parent.has(key) ? (this.#parent.get(key) as K) : key;
  }
}
// --8<-- [end:keyed]

// --8<-- [start:demo]
const sets = new DisjointSet(6);
console.log(sets.union(0, 1), sets.union(1, 2), sets.union(3, 4));
//> true true true
console.log(sets.union(2, 0)); // already one set: nothing changes
//> false
console.log(sets.count, sets.connected(0, 2), sets.connected(0, 3));
//> 3 true false
console.log(JSON.stringify(sets.parent), sets.size[sets.find(0)]);
//> [0,0,0,3,3,5] 3

const emails = new KeyedDisjointSet<string>();
emails.union("ann@x.io", "ann@y.io");
emails.add("bob@x.io");
console.log(emails.count, emails.find("ann@y.io"));
//> 2 ann@x.io
// --8<-- [end:demo]
