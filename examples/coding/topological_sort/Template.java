import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Topological sort two ways: Kahn's in-degree queue and a three-color DFS.
 *
 * <p>Nodes are 0..n-1 and an edge {u, v} means "u comes before v".
 */
public final class Template {
    private Template() {}

    // --8<-- [start:adjacency]
    /**
     * graph.get(u) lists every v with an edge {u, v}; repeated edges are kept.
     *
     * <p>Every node gets a list, isolated ones too. IllegalArgumentException on a node outside
     * 0..n-1.
     */
    static List<List<Integer>> successorsOf(int n, int[][] edges) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        List<List<Integer>> graph = new ArrayList<>(n);
        for (int node = 0; node < n; node++) {
            graph.add(new ArrayList<>());
        }
        for (int[] edge : edges) {
            if (edge.length != 2 || edge[0] < 0 || edge[0] >= n || edge[1] < 0 || edge[1] >= n) {
                throw new IllegalArgumentException(
                        "edge " + java.util.Arrays.toString(edge) + " must be two nodes in 0.." + (n - 1));
            }
            graph.get(edge[0]).add(edge[1]);
        }
        return graph;
    }
    // --8<-- [end:adjacency]

    // --8<-- [start:kahn]
    /**
     * Every node once, each edge {u, v} with u before v; empty if there is a cycle. Time O(V + E),
     * space O(V + E).
     */
    static Optional<List<Integer>> kahnOrder(int n, int[][] edges) {
        List<List<Integer>> graph = successorsOf(n, edges);
        int[] inDegree = new int[n];
        for (List<Integer> successors : graph) {
            for (int after : successors) {
                inDegree[after]++; // a repeated edge counts twice and is removed twice
            }
        }
        Deque<Integer> ready = new ArrayDeque<>();
        for (int node = 0; node < n; node++) {
            if (inDegree[node] == 0) {
                ready.add(node);
            }
        }
        List<Integer> order = new ArrayList<>(n);
        while (!ready.isEmpty()) {
            // Invariant: inDegree[v] counts v's predecessors not yet in order,
            // so a node enters ready exactly when all of them are placed.
            int node = ready.poll();
            order.add(node);
            for (int after : graph.get(node)) {
                if (--inDegree[after] == 0) {
                    ready.add(after);
                }
            }
        }
        // A node on a cycle never reaches in-degree 0, nor does anything after it.
        return order.size() == n ? Optional.of(order) : Optional.empty();
    }
    // --8<-- [end:kahn]

    // --8<-- [start:dfs]
    private static final int WHITE = 0; // unvisited
    private static final int GRAY = 1; // on the current path
    private static final int BLACK = 2; // finished

    /** The nodes in finishing order, and one cycle as [a, ..., a] if the walk found one. */
    record DfsResult(List<Integer> finished, Optional<List<Integer>> cycle) {}

    /**
     * A three-color DFS that stops at the first back edge. Iterative, so a long chain cannot
     * overflow the thread's stack. Time O(V + E), space O(V).
     */
    static DfsResult threeColorDfs(List<List<Integer>> graph) {
        int[] color = new int[graph.size()]; // every node starts WHITE
        List<Integer> finished = new ArrayList<>();
        for (int root = 0; root < graph.size(); root++) {
            if (color[root] != WHITE) {
                continue;
            }
            color[root] = GRAY;
            List<Integer> path = new ArrayList<>(List.of(root)); // Invariant: the GRAY nodes are path, in order.
            Deque<Iterator<Integer>> pending = new ArrayDeque<>();
            pending.push(graph.get(root).iterator());
            while (!path.isEmpty()) {
                Iterator<Integer> successors = pending.peek();
                if (!successors.hasNext()) { // every successor is BLACK: this node is done
                    int done = path.remove(path.size() - 1);
                    color[done] = BLACK;
                    finished.add(done);
                    pending.pop();
                    continue;
                }
                int after = successors.next();
                if (color[after] == GRAY) { // back edge: after is on the path
                    List<Integer> cycle = new ArrayList<>(path.subList(path.indexOf(after), path.size()));
                    cycle.add(after);
                    return new DfsResult(finished, Optional.of(cycle));
                }
                if (color[after] == WHITE) {
                    color[after] = GRAY;
                    path.add(after);
                    pending.push(graph.get(after).iterator());
                }
            }
        }
        return new DfsResult(finished, Optional.empty());
    }

    /** A topological order by reversed finishing time; empty if there is a cycle. */
    static Optional<List<Integer>> dfsOrder(int n, int[][] edges) {
        DfsResult result = threeColorDfs(successorsOf(n, edges));
        if (result.cycle().isPresent()) {
            return Optional.empty();
        }
        // A node finishes after everything reachable from it, so reversed, it comes first.
        List<Integer> order = new ArrayList<>(result.finished());
        Collections.reverse(order);
        return Optional.of(order);
    }

    /** One directed cycle as [a, b, ..., a] (each an edge), or empty for a DAG. */
    static Optional<List<Integer>> findCycle(int n, int[][] edges) {
        return threeColorDfs(successorsOf(n, edges)).cycle();
    }
    // --8<-- [end:dfs]

    public static void main(String[] args) {
        // --8<-- [start:demo]
        int[][] edges = {{0, 2}, {1, 2}, {2, 3}, {1, 3}};
        System.out.println(kahnOrder(5, edges)); // 4 has no edges and still appears
        //> Optional[[0, 1, 4, 2, 3]]
        System.out.println(dfsOrder(5, edges));
        //> Optional[[4, 1, 0, 2, 3]]
        int[][] cyclic = {{0, 1}, {1, 2}, {2, 1}, {2, 3}};
        System.out.println(kahnOrder(4, cyclic));
        //> Optional.empty
        System.out.println(findCycle(4, cyclic));
        //> Optional[[1, 2, 1]]
        // --8<-- [end:demo]
    }
}
