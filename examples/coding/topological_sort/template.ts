/**
 * Topological sort two ways: Kahn's in-degree queue and a three-color DFS.
 *
 * Nodes are 0..n-1 and an edge [u, v] means "u comes before v".
 */

export type Edge = readonly [before: number, after: number];
export type Edges = readonly Edge[];

// --8<-- [start:adjacency]
/**
 * graph[u] lists every v with an edge [u, v]; repeated edges are kept.
 *
 * Every node gets a list, isolated ones too. RangeError on a node outside 0..n-1.
 */
export function successorsOf(n: number, edges: Edges): number[][] {
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`n must be a whole number >= 0, got ${n}`);
  }
  const graph = Array.from({ length: n }, (): number[] => []);
  const isNode = (x: number): boolean => Number.isInteger(x) && x >= 0 && x < n;
  for (const [before, after] of edges) {
    if (!isNode(before) || !isNode(after)) {
      const shown = `[${before}, ${after}]`;
      throw new RangeError(`edge ${shown} must be two nodes in 0..${n - 1}`);
    }
    graph[before]?.push(after); // always a list: before is a node
  }
  return graph;
}
// --8<-- [end:adjacency]

// --8<-- [start:kahn]
/**
 * Every node once, each edge [u, v] with u before v; null if there is a cycle.
 *
 * Time O(V + E), space O(V + E).
 */
export function kahnOrder(n: number, edges: Edges): number[] | null {
  const graph = successorsOf(n, edges);
  const inDegree = new Array<number>(n).fill(0);
  for (const successors of graph) {
    for (const after of successors) {
      // A repeated edge counts twice and is removed twice.
      inDegree[after] = (inDegree[after] ?? 0) + 1;
    }
  }
  // for...of visits nodes pushed during the loop: the array is the queue.
  const ready = [...inDegree.keys()].filter((node) => inDegree[node] === 0);
  const order: number[] = [];
  for (const node of ready) {
    // Invariant: inDegree[v] counts v's predecessors not yet in `order`,
    // so a node enters `ready` exactly when all of them are placed.
    order.push(node);
    for (const after of graph[node] ?? []) {
      const left = (inDegree[after] ?? 0) - 1;
      inDegree[after] = left;
      if (left === 0) {
        ready.push(after);
      }
    }
  }
  // A node on a cycle never reaches in-degree 0, nor does anything after it.
  return order.length === n ? order : null;
}
// --8<-- [end:kahn]

const WHITE = 0; // unvisited
const GRAY = 1; // on the current path
const BLACK = 2; // finished

// --8<-- [start:dfs]
/**
 * [nodes in finishing order, null] or [partial, one cycle as [a, ..., a]].
 *
 * Iterative, so a long chain cannot exhaust the call stack.
 * Time O(V + E), space O(V).
 */
export function threeColorDfs(
  graph: readonly (readonly number[])[],
): [finished: number[], cycle: number[] | null] {
  const color = new Array<number>(graph.length).fill(WHITE);
  const finished: number[] = [];
  for (const [root, rootSuccessors] of graph.entries()) {
    if (color[root] !== WHITE) {
      continue;
    }
    color[root] = GRAY;
    // Invariant: the GRAY nodes are exactly the stack's nodes, in order.
    const stack = [{ node: root, pending: rootSuccessors.values() }];
    for (let top = stack.at(-1); top !== undefined; top = stack.at(-1)) {
      let step = top.pending.next();
      while (step.done !== true && color[step.value] === BLACK) {
        step = top.pending.next();
      }
      if (step.done === true) {
        // every successor is BLACK: this node is done
        color[top.node] = BLACK;
        finished.push(top.node);
        stack.pop();
        continue;
      }
      const after = step.value;
      if (color[after] === GRAY) {
        // back edge: `after` is on the path
        const path = stack.map((frame) => frame.node);
        return [finished, [...path.slice(path.indexOf(after)), after]];
      }
      color[after] = GRAY;
      stack.push({ node: after, pending: (graph[after] ?? []).values() });
    }
  }
  return [finished, null];
}

/** A topological order by reversed finishing time; null if there is a cycle. */
export function dfsOrder(n: number, edges: Edges): number[] | null {
  const [finished, cycle] = threeColorDfs(successorsOf(n, edges));
  // A node finishes after everything reachable from it, so reversed, it comes first.
  return cycle !== null ? null : finished.reverse();
}

/** One directed cycle as [a, b, ..., a] (each an edge), or null for a DAG. */
export function findCycle(n: number, edges: Edges): number[] | null {
  return threeColorDfs(successorsOf(n, edges))[1];
}
// --8<-- [end:dfs]

// --8<-- [start:demo]
const edges: Edge[] = [[0, 2], [1, 2], [2, 3], [1, 3]];
console.log(JSON.stringify(kahnOrder(5, edges))); // 4 has no edges and still appears
//> [0,1,4,2,3]
console.log(JSON.stringify(dfsOrder(5, edges)));
//> [4,1,0,2,3]
console.log(JSON.stringify(kahnOrder(4, [[0, 1], [1, 2], [2, 1], [2, 3]])));
//> null
console.log(JSON.stringify(findCycle(4, [[0, 1], [1, 2], [2, 1], [2, 3]])));
//> [1,2,1]
// --8<-- [end:demo]
