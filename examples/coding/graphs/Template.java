import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** BFS and DFS over any graph you can describe with a neighbors function. */
public final class Template {
    private Template() {}

    // --8<-- [start:bfs]
    /**
     * Fewest edges from the nearest start to every node reachable from one, in the order BFS
     * reaches them. Several starts make it multi-source BFS. O(V + E) time, O(V) space.
     */
    static <N> Map<N, Integer> bfs(Iterable<N> starts, Function<N, List<N>> neighbors) {
        Map<N, Integer> distance = new LinkedHashMap<>(); // iterates in the order nodes were reached
        Deque<N> queue = new ArrayDeque<>();
        for (N start : starts) {
            if (distance.putIfAbsent(start, 0) == null) {
                queue.add(start);
            }
        }
        // Invariant: a node is in distance from the moment it is queued, with its
        // final value; the queue holds distances d then d + 1, never more spread.
        while (!queue.isEmpty()) {
            N node = queue.poll();
            for (N next : neighbors.apply(node)) {
                if (!distance.containsKey(next)) { // mark on enqueue: each node queued once
                    distance.put(next, distance.get(node) + 1);
                    queue.add(next);
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
     * <p>One stack frame per node on the current path: a long enough path throws
     * StackOverflowError, at a depth set by the thread's stack size (java -Xss).
     */
    static <N> List<N> dfsRecursive(N start, Function<N, List<N>> neighbors) {
        List<N> order = new ArrayList<>();
        visit(start, neighbors, new HashSet<>(), order);
        return order;
    }

    private static <N> void visit(N node, Function<N, List<N>> neighbors, Set<N> seen, List<N> order) {
        seen.add(node);
        order.add(node);
        for (N next : neighbors.apply(node)) {
            if (!seen.contains(next)) {
                visit(next, neighbors, seen, order);
            }
        }
    }

    /**
     * The same order as dfsRecursive, with the call stack replaced by a Deque.
     *
     * <p>Each stack entry is the neighbor iterator a recursive call would be looping over, so the
     * walk resumes exactly where the recursion would.
     */
    static <N> List<N> dfsIterative(N start, Function<N, List<N>> neighbors) {
        List<N> order = new ArrayList<>(List.of(start));
        Set<N> seen = new HashSet<>(Set.of(start));
        Deque<Iterator<N>> stack = new ArrayDeque<>();
        stack.push(neighbors.apply(start).iterator());
        // Invariant: the stack holds, top first, the unfinished neighbor loops of the path's nodes.
        while (!stack.isEmpty()) {
            Iterator<N> top = stack.peek();
            if (!top.hasNext()) {
                stack.pop(); // every neighbor done: this call would return
                continue;
            }
            N next = top.next();
            if (seen.add(next)) {
                order.add(next);
                stack.push(neighbors.apply(next).iterator()); // go deeper before finishing this loop
            }
        }
        return order;
    }
    // --8<-- [end:dfs]

    /** An undirected graph on nodes 0..n-1, each edge stored in both directions (a self-loop once). */
    static List<List<Integer>> adjacencyList(int n, int[][] edges) {
        List<List<Integer>> graph = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            graph.add(new ArrayList<>());
        }
        for (int[] edge : edges) {
            graph.get(edge[0]).add(edge[1]);
            if (edge[0] != edge[1]) {
                graph.get(edge[1]).add(edge[0]);
            }
        }
        return graph;
    }

    public static void main(String[] args) {
        // --8<-- [start:demo]
        var graph = adjacencyList(6, new int[][] {{0, 1}, {0, 2}, {1, 3}, {2, 3}, {3, 4}});
        System.out.println(bfs(List.of(0), graph::get)); // node 5 is unreachable: absent
        //> {0=0, 1=1, 2=1, 3=2, 4=3}
        System.out.println(dfsRecursive(0, graph::get));
        //> [0, 1, 3, 2, 4]
        System.out.println(dfsIterative(0, graph::get));
        //> [0, 1, 3, 2, 4]
        // --8<-- [end:demo]
    }
}
