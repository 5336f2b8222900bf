/**
 * Shortest-path templates: BFS, Dijkstra, 0-1 BFS, Bellman-Ford and a parent map.
 *
 * Nodes are 0 .. n-1. A weighted graph is an adjacency list of [neighbor, weight]
 * pairs; an edge list is [from, to, weight] triples. Unreachable nodes keep the
 * distance Infinity, which compares above every number.
 * Reads such as `distance[v] ?? INF` satisfy noUncheckedIndexedAccess: v is
 * always a checked node, and the fallback is what an unreached node holds anyway.
 */

export type Edge = readonly [from: number, to: number, weight: number];
export type WeightedEdge = readonly [neighbor: number, weight: number];
export type Adjacency = readonly (readonly WeightedEdge[])[];
const INF = Infinity;

const isNode = (n: number, x: number): boolean =>
  Number.isInteger(x) && x >= 0 && x < n;

/** Refuse a source outside 0..n-1 (a negative index must not alias node n - 1). */
function checkSource(n: number, source: number): void {
  if (!isNode(n, source)) {
    throw new RangeError(`source ${source} is not a node 0..${n - 1}`);
  }
}

function checkEdge(n: number, [u, v, weight]: Edge): void {
  if (!isNode(n, u) || !isNode(n, v)) {
    const shown = `[${u}, ${v}, ${weight}]`;
    throw new RangeError(`edge ${shown} names a node outside 0..${n - 1}`);
  }
}

/** Adjacency list from [u, v, w] triples; undirected adds both directions. */
export function buildAdjacency(
  n: number,
  edges: readonly Edge[],
  { directed = true }: { directed?: boolean } = {},
): [number, number][][] {
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`the node count must be a whole number >= 0, not ${n}`);
  }
  const adjacency = Array.from({ length: n }, (): [number, number][] => []);
  for (const edge of edges) {
    checkEdge(n, edge);
    const [u, v, weight] = edge;
    adjacency[u]?.push([v, weight]); // u and v are nodes: both lists exist
    if (!directed) {
      adjacency[v]?.push([u, weight]);
    }
  }
  return adjacency;
}

// --8<-- [start:min_heap]
/** The smallest-first heap Dijkstra needs: [distance, node] entries, no library. */
class MinHeap {
  readonly #entries: [number, number][] = [];

  get size(): number {
    return this.#entries.length;
  }

  push(entry: [number, number]): void {
    const entries = this.#entries;
    let i = entries.push(entry) - 1;
    while (i > 0) {
      const up = (i - 1) >> 1;
      const parent = entries[up];
      if (parent === undefined || parent[0] <= entry[0]) {
        break;
      }
      entries[i] = parent; // swap the entry with its larger parent
      entries[up] = entry;
      i = up;
    }
  }

  pop(): [number, number] | undefined {
    const entries = this.#entries;
    const top = entries[0];
    const last = entries.pop();
    if (last === undefined || entries.length === 0) {
      return top;
    }
    entries[0] = last;
    for (let i = 0; ; ) {
      let child = 2 * i + 1;
      const right = entries[child + 1];
      if (right !== undefined && right[0] < (entries[child]?.[0] ?? INF)) {
        child += 1;
      }
      const smaller = entries[child];
      if (smaller === undefined || smaller[0] >= last[0]) {
        break; // a leaf, or both children are no smaller
      }
      entries[i] = smaller; // swap the entry with its smaller child
      entries[child] = last;
      i = child;
    }
    return top;
  }
}
// --8<-- [end:min_heap]

// --8<-- [start:bfs]
/** Fewest edges from source to every node (Infinity if unreachable). O(V + E). */
export function bfsDistances(
  neighbors: readonly (readonly number[])[],
  source: number,
): number[] {
  checkSource(neighbors.length, source);
  const distance = new Array<number>(neighbors.length).fill(INF);
  distance[source] = 0;
  // for...of visits entries pushed during the loop: the array is the queue.
  const queue = [source];
  // Invariant: the queue holds nodes of level d, then nodes of level d + 1,
  // so the first time a node is reached is by a fewest-edge path.
  for (const node of queue) {
    for (const next of neighbors[node] ?? []) {
      if (!isNode(neighbors.length, next)) {
        throw new RangeError(`node ${node} lists ${next}, not a node`);
      }
      if (distance[next] === INF) {
        // mark on discovery: reached once, at its level
        distance[next] = (distance[node] ?? INF) + 1;
        queue.push(next);
      }
    }
  }
  return distance;
}
// --8<-- [end:bfs]

// --8<-- [start:dijkstra]
/**
 * Distances from source and each node's parent on a shortest path.
 *
 * Weights must be >= 0 (checked: RangeError). O((V + E) log V) with a binary heap.
 */
export function dijkstra(
  adjacency: Adjacency,
  source: number,
): [distance: number[], parent: (number | null)[]] {
  checkSource(adjacency.length, source);
  for (const [u, edges] of adjacency.entries()) {
    for (const [v, weight] of edges) {
      if (!isNode(adjacency.length, v)) {
        throw new RangeError(`node ${u} lists ${v}, not a node`);
      }
      if (weight < 0) {
        throw new RangeError(`edge ${u} -> ${v} weighs ${weight}; use Bellman-Ford`);
      }
    }
  }
  const distance = new Array<number>(adjacency.length).fill(INF);
  const parent = new Array<number | null>(adjacency.length).fill(null);
  distance[source] = 0;
  const heap = new MinHeap();
  heap.push([0, source]);
  for (let entry = heap.pop(); entry !== undefined; entry = heap.pop()) {
    const [dist, node] = entry;
    if (dist > (distance[node] ?? INF)) {
      continue; // stale: a shorter entry for node was popped already
    }
    // Invariant: with weights >= 0, the smallest live entry is final.
    for (const [next, weight] of adjacency[node] ?? []) {
      const candidate = dist + weight;
      if (candidate < (distance[next] ?? INF)) {
        distance[next] = candidate;
        parent[next] = node;
        heap.push([candidate, next]); // the old entry goes stale
      }
    }
  }
  return [distance, parent];
}
// --8<-- [end:dijkstra]

// --8<-- [start:path_to]
/** Walk the parent map back from target; null if target was never reached. */
export function pathTo(
  parent: readonly (number | null)[],
  source: number,
  target: number,
): number[] | null {
  const path = [target];
  for (let node = target; node !== source; ) {
    const previous = parent[node];
    if (previous === null || previous === undefined) {
      return null; // the chain stops short of source: target was never reached
    }
    path.push(previous);
    node = previous;
  }
  return path.reverse();
}
// --8<-- [end:path_to]

// --8<-- [start:zero_one_bfs]
/** Distances when every weight is 0 or 1 (checked). O(V + E), no heap. */
export function zeroOneBfs(adjacency: Adjacency, source: number): number[] {
  checkSource(adjacency.length, source);
  for (const [u, edges] of adjacency.entries()) {
    for (const [v, weight] of edges) {
      if (!isNode(adjacency.length, v)) {
        throw new RangeError(`node ${u} lists ${v}, not a node`);
      }
      if (weight !== 0 && weight !== 1) {
        throw new RangeError(`0-1 BFS needs every weight to be 0 or 1, not ${weight}`);
      }
    }
  }
  const distance = new Array<number>(adjacency.length).fill(INF);
  distance[source] = 0;
  // A deque from two arrays (unshift is O(n)): `front` is a stack whose top is
  // the first item; after it come back[head], back[head + 1], ...
  const front: number[] = [];
  const back = [source];
  let head = 0;
  // Invariant: the deque's distances are d at the front and d or d + 1
  // behind, so taking the front always yields a smallest one, as a heap would.
  while (front.length > 0 || head < back.length) {
    const node = front.length > 0 ? front.pop() : back[head++];
    if (node === undefined) {
      break; // cannot happen: the loop condition saw an item
    }
    for (const [next, weight] of adjacency[node] ?? []) {
      const candidate = (distance[node] ?? INF) + weight;
      if (candidate < (distance[next] ?? INF)) {
        distance[next] = candidate;
        if (weight === 0) {
          front.push(next); // same distance: goes first
        } else {
          back.push(next); // one more: goes last
        }
      }
    }
  }
  return distance;
}
// --8<-- [end:zero_one_bfs]

// --8<-- [start:bellman_ford]
/**
 * Distances from source with any weights; null if a negative cycle is
 * reachable from source. O(V * E).
 */
export function bellmanFord(
  n: number,
  edges: readonly Edge[],
  source: number,
): number[] | null {
  checkSource(n, source);
  for (const edge of edges) {
    checkEdge(n, edge);
  }
  const distance = new Array<number>(n).fill(INF);
  distance[source] = 0;
  // Invariant: after round i, distance[v] is at most the weight of the
  // lightest path to v with at most i edges. A shortest simple path has at
  // most n - 1 edges, so n - 1 rounds are enough.
  for (let round = 1; round < n; round++) {
    let changed = false;
    for (const [u, v, weight] of edges) {
      const candidate = (distance[u] ?? INF) + weight; // Infinity + w stays Infinity
      if (candidate < (distance[v] ?? INF)) {
        distance[v] = candidate;
        changed = true;
      }
    }
    if (!changed) {
      return distance; // settled early: no round can change anything now
    }
  }
  // Round n: anything that still improves lies on or after a negative cycle.
  for (const [u, v, weight] of edges) {
    if ((distance[u] ?? INF) + weight < (distance[v] ?? INF)) {
      return null;
    }
  }
  return distance;
}
// --8<-- [end:bellman_ford]

// --8<-- [start:demo]
// 0 -> 1 (4), 0 -> 2 (1), 2 -> 1 (2), 1 -> 3 (1); node 4 is unreachable
const edges: Edge[] = [[0, 1, 4], [0, 2, 1], [2, 1, 2], [1, 3, 1]];
const graph = buildAdjacency(5, edges);
console.log(bfsDistances(graph.map((out) => out.map(([v]) => v)), 0));
//> [ 0, 1, 1, 2, Infinity ]
const [distance, parent] = dijkstra(graph, 0);
console.log(distance, pathTo(parent, 0, 3), pathTo(parent, 0, 4));
//> [ 0, 3, 1, 4, Infinity ] [ 0, 2, 1, 3 ] null
console.log(zeroOneBfs(buildAdjacency(3, [[0, 1, 1], [0, 2, 0], [2, 1, 0]]), 0));
//> [ 0, 0, 0 ]
console.log(bellmanFord(3, [[0, 1, 4], [0, 2, 5], [2, 1, -3]], 0));
//> [ 0, 2, 5 ]
console.log(bellmanFord(3, [[0, 1, 1], [1, 2, -2], [2, 1, 1]], 0)); // 1 -> 2 -> 1
//> null
// --8<-- [end:demo]
