import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.stream.Collectors;

/**
 * Shortest-path templates: BFS, Dijkstra, 0-1 BFS, Bellman-Ford and a parent map.
 *
 * <p>Nodes are 0 .. n-1. A weighted graph is an adjacency list of arcs (neighbor, weight); an
 * edge list is {from, to, weight} triples. Distances are longs, and an unreachable node keeps
 * UNREACHABLE. Unlike Python's math.inf, Long.MAX_VALUE + w wraps to a negative number, so every
 * relaxation skips a node that was never reached instead of adding to its distance.
 */
public final class Template {
    private Template() {}

    static final long UNREACHABLE = Long.MAX_VALUE;

    /** An edge to a neighbor with its weight. */
    record Arc(int to, int weight) {}

    /** Adjacency list from {u, v, w} triples; undirected adds both directions. */
    static List<List<Arc>> buildAdjacency(int n, int[][] edges, boolean directed) {
        if (n < 0) {
            throw new IllegalArgumentException("the node count must be zero or more, got " + n);
        }
        List<List<Arc>> adjacency = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            adjacency.add(new ArrayList<>());
        }
        for (int[] edge : edges) {
            int u = edge[0];
            int v = edge[1];
            if (u < 0 || u >= n || v < 0 || v >= n) {
                throw new IllegalArgumentException(
                        "edge " + Arrays.toString(edge) + " names a node outside 0.." + (n - 1));
            }
            adjacency.get(u).add(new Arc(v, edge[2]));
            if (!directed) {
                adjacency.get(v).add(new Arc(u, edge[2]));
            }
        }
        return adjacency;
    }

    /** Refuses a source outside 0..n-1, which would index out of range. */
    static void checkSource(int n, int source) {
        if (source < 0 || source >= n) {
            throw new IllegalArgumentException("source " + source + " is not a node 0.." + (n - 1));
        }
    }

    /** n distances, each UNREACHABLE: nothing reached yet. */
    static long[] unreached(int n) {
        long[] distance = new long[n];
        Arrays.fill(distance, UNREACHABLE);
        return distance;
    }

    // --8<-- [start:bfs]
    /** Fewest edges from source to every node (UNREACHABLE if none). O(V + E). */
    static long[] bfsDistances(List<List<Integer>> neighbors, int source) {
        checkSource(neighbors.size(), source);
        long[] distance = unreached(neighbors.size());
        distance[source] = 0;
        Deque<Integer> queue = new ArrayDeque<>(List.of(source));
        // Invariant: the queue holds nodes of level d, then nodes of level d + 1,
        // so the first time a node is reached is by a fewest-edge path.
        while (!queue.isEmpty()) {
            int node = queue.poll();
            for (int next : neighbors.get(node)) {
                if (distance[next] == UNREACHABLE) { // mark on discovery: reached once, at its level
                    distance[next] = distance[node] + 1;
                    queue.add(next);
                }
            }
        }
        return distance;
    }
    // --8<-- [end:bfs]

    // --8<-- [start:dijkstra]
    /** Distances from the source, and each node's parent on a shortest path (-1: none). */
    record ShortestPaths(long[] distance, int[] parent) {}

    /** Weights must be >= 0 (checked). O((V + E) log V) with a PriorityQueue. */
    static ShortestPaths dijkstra(List<List<Arc>> adjacency, int source) {
        checkSource(adjacency.size(), source);
        for (int u = 0; u < adjacency.size(); u++) {
            for (Arc arc : adjacency.get(u)) {
                if (arc.weight() < 0) {
                    throw new IllegalArgumentException(
                            "edge " + u + " -> " + arc.to() + " weighs " + arc.weight() + "; use Bellman-Ford");
                }
            }
        }
        long[] distance = unreached(adjacency.size());
        int[] parent = new int[adjacency.size()];
        Arrays.fill(parent, -1);
        distance[source] = 0;
        record Candidate(long dist, int node) {}
        PriorityQueue<Candidate> heap = new PriorityQueue<>(Comparator.comparingLong(Candidate::dist));
        heap.add(new Candidate(0, source));
        while (!heap.isEmpty()) {
            Candidate best = heap.poll();
            if (best.dist() > distance[best.node()]) {
                continue; // stale: a shorter entry for this node was popped already
            }
            // Invariant: with weights >= 0, the smallest live entry is final.
            for (Arc arc : adjacency.get(best.node())) {
                long through = best.dist() + arc.weight();
                if (through < distance[arc.to()]) {
                    distance[arc.to()] = through;
                    parent[arc.to()] = best.node();
                    heap.add(new Candidate(through, arc.to())); // the old entry goes stale
                }
            }
        }
        return new ShortestPaths(distance, parent);
    }
    // --8<-- [end:dijkstra]

    // --8<-- [start:path_to]
    /** Walks the parent map back from target; empty if target was never reached. */
    static Optional<List<Integer>> pathTo(int[] parent, int source, int target) {
        if (target != source && parent[target] == -1) {
            return Optional.empty();
        }
        List<Integer> path = new ArrayList<>(List.of(target));
        while (path.get(path.size() - 1) != source) {
            path.add(parent[path.get(path.size() - 1)]);
        }
        Collections.reverse(path);
        return Optional.of(path);
    }
    // --8<-- [end:path_to]

    // --8<-- [start:zero_one_bfs]
    /** Distances when every weight is 0 or 1 (checked). O(V + E), no heap. */
    static long[] zeroOneBfs(List<List<Arc>> adjacency, int source) {
        checkSource(adjacency.size(), source);
        for (List<Arc> arcs : adjacency) {
            for (Arc arc : arcs) {
                if (arc.weight() != 0 && arc.weight() != 1) {
                    throw new IllegalArgumentException("0-1 BFS needs weights of 0 or 1, not " + arc.weight());
                }
            }
        }
        long[] distance = unreached(adjacency.size());
        distance[source] = 0;
        Deque<Integer> queue = new ArrayDeque<>(List.of(source));
        // Invariant: the deque's distances are d at the front and d or d + 1
        // behind, so poll() always yields a smallest one, as a heap would.
        while (!queue.isEmpty()) {
            int node = queue.poll();
            for (Arc arc : adjacency.get(node)) {
                long through = distance[node] + arc.weight();
                if (through < distance[arc.to()]) {
                    distance[arc.to()] = through;
                    if (arc.weight() == 0) {
                        queue.addFirst(arc.to()); // same distance: goes first
                    } else {
                        queue.addLast(arc.to()); // one more: goes last
                    }
                }
            }
        }
        return distance;
    }
    // --8<-- [end:zero_one_bfs]

    // --8<-- [start:bellman_ford]
    /**
     * Distances from source with any weights; empty if a negative cycle is reachable from source.
     * O(V * E).
     */
    static Optional<long[]> bellmanFord(int n, int[][] edges, int source) {
        checkSource(n, source);
        long[] distance = unreached(n);
        distance[source] = 0;
        // Invariant: after round i, distance[v] is at most the weight of the
        // lightest path to v with at most i edges. A shortest simple path has at
        // most n - 1 edges, so n - 1 rounds are enough.
        for (int round = 0; round < n - 1; round++) {
            boolean changed = false;
            for (int[] edge : edges) {
                int u = edge[0];
                int v = edge[1];
                // Skip an unreached u: UNREACHABLE + weight would wrap around.
                if (distance[u] != UNREACHABLE && distance[u] + edge[2] < distance[v]) {
                    distance[v] = distance[u] + edge[2];
                    changed = true;
                }
            }
            if (!changed) {
                return Optional.of(distance); // settled early: no round can change anything now
            }
        }
        // Round n: anything that still improves lies on or after a negative cycle.
        for (int[] edge : edges) {
            if (distance[edge[0]] != UNREACHABLE && distance[edge[0]] + edge[2] < distance[edge[1]]) {
                return Optional.empty();
            }
        }
        return Optional.of(distance);
    }
    // --8<-- [end:bellman_ford]

    /** Distances as Python prints them, with inf for an unreached node. */
    static String show(long[] distance) {
        return Arrays.stream(distance)
                .mapToObj(d -> d == UNREACHABLE ? "inf" : Long.toString(d))
                .collect(Collectors.joining(", ", "[", "]"));
    }

    public static void main(String[] args) {
        // --8<-- [start:demo]
        // 0 -> 1 (4), 0 -> 2 (1), 2 -> 1 (2), 1 -> 3 (1); node 4 is unreachable
        int[][] edges = {{0, 1, 4}, {0, 2, 1}, {2, 1, 2}, {1, 3, 1}};
        List<List<Arc>> graph = buildAdjacency(5, edges, true);
        List<List<Integer>> neighbors =
                graph.stream().map(arcs -> arcs.stream().map(Arc::to).toList()).toList();
        System.out.println(show(bfsDistances(neighbors, 0)));
        //> [0, 1, 1, 2, inf]
        ShortestPaths paths = dijkstra(graph, 0);
        System.out.println(
                show(paths.distance()) + " " + pathTo(paths.parent(), 0, 3) + " " + pathTo(paths.parent(), 0, 4));
        //> [0, 3, 1, 4, inf] Optional[[0, 2, 1, 3]] Optional.empty
        var zeroOne = buildAdjacency(3, new int[][] {{0, 1, 1}, {0, 2, 0}, {2, 1, 0}}, true);
        System.out.println(show(zeroOneBfs(zeroOne, 0)));
        //> [0, 0, 0]
        System.out.println(bellmanFord(3, new int[][] {{0, 1, 4}, {0, 2, 5}, {2, 1, -3}}, 0).map(Template::show));
        //> Optional[[0, 2, 5]]
        int[][] cycle = {{0, 1, 1}, {1, 2, -2}, {2, 1, 1}}; // 1 -> 2 -> 1 weighs -1
        System.out.println(bellmanFord(3, cycle, 0).map(Template::show));
        //> Optional.empty
        // --8<-- [end:demo]
    }
}
