/** BFS and DFS over any graph you can describe with a neighbors function. */

// --8<-- [start:bfs]
/**
 * Fewest edges from the nearest start to every node reachable from one.
 *
 * Several starts make it multi-source BFS. O(V + E) time, O(V) space.
 * Nodes are Map keys: numbers and strings match by value, objects by
 * identity (write a grid cell as the string `${row},${col}`, not [row, col]).
 */
export function bfs<Node>(
  starts: Iterable<Node>,
  neighbors: (node: Node) => Iterable<Node>,
): Map<Node, number> {
  const distance = new Map<Node, number>();
  for (const start of starts) {
    distance.set(start, 0);
  }
  const queue: [Node, number][] = [...distance];
  // Array.shift() is O(n). for...of over an array also visits what is pushed
  // during the loop, so the array is the queue and the loop is its head.
  // Invariant: a node is in `distance` from the moment it is queued, with its
  // final value; the queue holds distances d then d + 1, never more spread.
  for (const [node, d] of queue) {
    for (const next of neighbors(node)) {
      if (!distance.has(next)) {
        // mark on enqueue: each node queued once
        distance.set(next, d + 1);
        queue.push([next, d + 1]);
      }
    }
  }
  return distance;
}
// --8<-- [end:bfs]

// --8<-- [start:dfs]
/**
 * Nodes in the order depth-first search first reaches them.
 *
 * One stack frame per node on the current path: a path deep enough
 * throws "RangeError: Maximum call stack size exceeded".
 */
export function dfsRecursive<Node>(
  start: Node,
  neighbors: (node: Node) => Iterable<Node>,
): Node[] {
  const order: Node[] = [];
  const seen = new Set<Node>();

  const visit = (node: Node): void => {
    seen.add(node);
    order.push(node);
    for (const next of neighbors(node)) {
      if (!seen.has(next)) {
        visit(next);
      }
    }
  };

  visit(start);
  return order;
}

/**
 * The same order as dfsRecursive, with the call stack replaced by an array.
 *
 * Each stack entry is the neighbor iterator a recursive call would be
 * looping over, so the walk resumes exactly where the recursion would.
 */
export function dfsIterative<Node>(
  start: Node,
  neighbors: (node: Node) => Iterable<Node>,
): Node[] {
  const order = [start];
  const seen = new Set([start]);
  const stack = [neighbors(start)[Symbol.iterator]()];
  // Invariant: stack[i] is the unfinished neighbor loop of the i-th node on the path.
  for (let top = stack.at(-1); top !== undefined; top = stack.at(-1)) {
    let step = top.next();
    while (step.done !== true && seen.has(step.value)) {
      step = top.next();
    }
    if (step.done === true) {
      stack.pop(); // every neighbor done: this call would return
      continue;
    }
    seen.add(step.value); // go deeper before finishing this node's loop
    order.push(step.value);
    stack.push(neighbors(step.value)[Symbol.iterator]());
  }
  return order;
}
// --8<-- [end:dfs]

/** Undirected graph on nodes 0..n-1: every node gets a list, isolated ones too. */
function adjacencyList(
  n: number,
  edges: readonly (readonly [number, number])[],
): Map<number, number[]> {
  const graph = new Map<number, number[]>();
  for (let node = 0; node < n; node++) {
    graph.set(node, []);
  }
  for (const [a, b] of edges) {
    const fromA = graph.get(a);
    const fromB = graph.get(b);
    if (fromA === undefined || fromB === undefined) {
      throw new RangeError(`edge [${a}, ${b}] must be two nodes in 0..${n - 1}`);
    }
    fromA.push(b);
    if (a !== b) {
      fromB.push(a); // a self-loop is one entry, not two
    }
  }
  return graph;
}

// --8<-- [start:demo]
const graph = adjacencyList(6, [[0, 1], [0, 2], [1, 3], [2, 3], [3, 4]]);
const neighbors = (node: number): number[] => graph.get(node) ?? [];
console.log(bfs([0], neighbors)); // node 5 is unreachable: absent
//> Map(5) { 0 => 0, 1 => 1, 2 => 1, 3 => 2, 4 => 3 }
console.log(JSON.stringify(dfsRecursive(0, neighbors)));
//> [0,1,3,2,4]
console.log(JSON.stringify(dfsIterative(0, neighbors)));
//> [0,1,3,2,4]
// --8<-- [end:demo]
