/** Network delay time: Dijkstra from one source, then the slowest node. */

export type Time = readonly [u: number, v: number, delay: number];

function check(times: readonly Time[], n: number, source: number): void {
  const isNode = (x: number): boolean => Number.isInteger(x) && x >= 1 && x <= n;
  if (!Number.isInteger(n) || n < 1 || !isNode(source)) {
    throw new RangeError("need a whole n >= 1 and a source in 1..n");
  }
  for (const [u, v, delay] of times) {
    if (!isNode(u) || !isNode(v) || !(delay >= 0)) {
      throw new RangeError(`bad edge [${u}, ${v}, ${delay}]: nodes 1..n, delay >= 0`);
    }
  }
}

// --8<-- [start:optimal]
/**
 * Time until a signal sent from source reaches every node 1..n, or -1.
 *
 * times holds directed [u, v, delay] edges. JavaScript has no heap, so this
 * Dijkstra scans for the nearest unsettled node: O(V^2 + E) time, O(V + E)
 * space. That suits dense graphs; on sparse ones, the binary heap of
 * heaps/template.ts gives the O((V + E) log V) of the Python version.
 */
export function networkDelayTime(
  times: readonly Time[],
  n: number,
  source: number,
): number {
  check(times, n, source);
  const out = Array.from({ length: n + 1 }, (): [number, number][] => []); // 1..n
  for (const [u, v, delay] of times) {
    out[u]?.push([v, delay]); // checked: u is a node
  }
  const distance = new Array<number>(n + 1).fill(Infinity);
  const settled = new Array<boolean>(n + 1).fill(false);
  distance[source] = 0;
  for (let round = 0; round < n; round++) {
    // Invariant: every settled node holds its final distance, and no
    // unsettled node is nearer than the one picked next (weights >= 0).
    let node = -1;
    let nearest = Infinity;
    for (let v = 1; v <= n; v++) {
      const d = distance[v] ?? Infinity;
      if (settled[v] !== true && d < nearest) {
        node = v;
        nearest = d;
      }
    }
    if (node === -1) {
      break; // everything left is unreachable
    }
    settled[node] = true;
    for (const [next, delay] of out[node] ?? []) {
      distance[next] = Math.min(distance[next] ?? Infinity, nearest + delay);
    }
  }
  const slowest = Math.max(...distance.slice(1)); // every node counts, reached or not
  return slowest === Infinity ? -1 : slowest;
}
// --8<-- [end:optimal]

// --8<-- [start:demo]
const times: Time[] = [[1, 2, 4], [1, 3, 1], [3, 2, 2], [2, 4, 1]];
console.log(networkDelayTime(times, 4, 1)); // 4 is reached at 1 + 2 + 1
//> 4
console.log(networkDelayTime(times, 5, 1)); // node 5 has no incoming edge
//> -1
console.log(networkDelayTime(times, 4, 2)); // edges are one-way
//> -1
// --8<-- [end:demo]
