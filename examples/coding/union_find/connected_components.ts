/** Number of connected components in an undirected graph given as an edge list. */

export type Edge = readonly [u: number, v: number];

function check(n: number, edges: readonly Edge[]): void {
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`n must be a whole number >= 0, got ${n}`);
  }
  const isNode = (x: number): boolean => Number.isInteger(x) && x >= 0 && x < n;
  for (const [u, v] of edges) {
    if (!isNode(u) || !isNode(v)) {
      throw new RangeError(`edge [${u}, ${v}] names a node outside 0..${n - 1}`);
    }
  }
}

// --8<-- [start:optimal]
/**
 * Components of the graph on nodes 0..n-1 with the given undirected edges.
 *
 * Start with n singletons; every edge that joins two different sets removes
 * one. Repeated edges and self-loops join nothing. Time O(n + E alpha(n)),
 * space O(n). The union-find is inline: importing template.ts would run its demo.
 */
export function countComponents(n: number, edges: readonly Edge[]): number {
  check(n, edges);
  const parent = Array.from({ length: n }, (_, i) => i);
  const size = new Array<number>(n).fill(1);
  // Every x passed here is a checked node, so parent[x] is never undefined.
  const up = (x: number): number => parent[x] ?? x;
  const find = (x: number): number => {
    let root = x;
    while (up(root) !== root) {
      root = up(root);
    }
    for (let node = x; node !== root; ) {
      const next = up(node);
      parent[node] = root; // path compression
      node = next;
    }
    return root;
  };
  let components = n;
  for (const [u, v] of edges) {
    let a = find(u);
    let b = find(v);
    if (a === b) {
      continue; // already one set: a repeat, a self-loop or a cycle
    }
    if ((size[a] ?? 0) < (size[b] ?? 0)) {
      [a, b] = [b, a];
    }
    parent[b] = a; // the smaller tree goes under the larger
    size[a] = (size[a] ?? 0) + (size[b] ?? 0);
    components -= 1; // only here: two different roots became one
  }
  return components;
}
// --8<-- [end:optimal]

// --8<-- [start:brute_force]
/**
 * Build adjacency lists and flood each unvisited node with an explicit stack.
 *
 * Time O(n + E), space O(n + E) for the adjacency lists.
 */
export function countComponentsBruteForce(n: number, edges: readonly Edge[]): number {
  check(n, edges);
  const neighbors = Array.from({ length: n }, (): number[] => []);
  for (const [u, v] of edges) {
    neighbors[u]?.push(v);
    neighbors[v]?.push(u);
  }
  const seen = new Array<boolean>(n).fill(false);
  let components = 0;
  for (let start = 0; start < n; start++) {
    if (seen[start] === true) {
      continue;
    }
    components += 1;
    seen[start] = true;
    const stack = [start];
    for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
      for (const other of neighbors[node] ?? []) {
        if (seen[other] !== true) {
          seen[other] = true;
          stack.push(other);
        }
      }
    }
  }
  return components;
}
// --8<-- [end:brute_force]

// --8<-- [start:demo]
console.log(countComponents(5, [[0, 1], [1, 2], [3, 4]]));
//> 2
console.log(countComponents(4, [[0, 1], [1, 0], [2, 2]])); // repeat, self-loop
//> 3
// --8<-- [end:demo]
