import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/** Number of connected components in an undirected graph given as an edge list. */
public final class ConnectedComponents {
    private ConnectedComponents() {}

    private static void checkGraph(int n, int[][] edges) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        for (int[] edge : edges) {
            if (edge.length != 2 || edge[0] < 0 || edge[0] >= n || edge[1] < 0 || edge[1] >= n) {
                throw new IllegalArgumentException(
                        "edge " + Arrays.toString(edge) + " names a node outside 0.." + (n - 1));
            }
        }
    }

    // --8<-- [start:optimal]
    /**
     * The number of components of the graph on nodes 0..n-1 with the given undirected
     * edges. Start with n singletons; every edge that joins two different sets removes
     * one. Repeated edges and self-loops join nothing. Union by size with path
     * compression: time O(n + E alpha(n)), space O(n).
     */
    static int countComponents(int n, int[][] edges) {
        checkGraph(n, edges);
        int[] parent = new int[n];
        int[] size = new int[n];
        for (int x = 0; x < n; x++) {
            parent[x] = x;
            size[x] = 1;
        }
        int components = n;
        for (int[] edge : edges) {
            int a = find(parent, edge[0]);
            int b = find(parent, edge[1]);
            if (a == b) {
                continue; // already one set
            }
            if (size[a] < size[b]) {
                int swap = a;
                a = b;
                b = swap;
            }
            parent[b] = a; // the smaller tree goes under the larger
            size[a] += size[b];
            components--; // two different roots became one
        }
        return components;
    }

    private static int find(int[] parent, int x) {
        int root = x;
        while (parent[root] != root) {
            root = parent[root];
        }
        while (parent[x] != root) { // path compression
            int next = parent[x];
            parent[x] = root;
            x = next;
        }
        return root;
    }
    // --8<-- [end:optimal]

    // --8<-- [start:brute_force]
    /**
     * Builds adjacency lists and floods each unvisited node with an explicit stack.
     * Time O(n + E), space O(n + E).
     */
    static int countComponentsBruteForce(int n, int[][] edges) {
        checkGraph(n, edges);
        List<List<Integer>> neighbors = new ArrayList<>();
        for (int node = 0; node < n; node++) {
            neighbors.add(new ArrayList<>());
        }
        for (int[] edge : edges) {
            neighbors.get(edge[0]).add(edge[1]);
            neighbors.get(edge[1]).add(edge[0]);
        }
        boolean[] seen = new boolean[n];
        int components = 0;
        for (int start = 0; start < n; start++) {
            if (seen[start]) {
                continue;
            }
            components++;
            seen[start] = true;
            Deque<Integer> stack = new ArrayDeque<>();
            stack.push(start);
            while (!stack.isEmpty()) {
                for (int other : neighbors.get(stack.pop())) {
                    if (!seen[other]) {
                        seen[other] = true;
                        stack.push(other);
                    }
                }
            }
        }
        return components;
    }
    // --8<-- [end:brute_force]

    public static void main(String[] args) {
        // --8<-- [start:demo]
        System.out.println(countComponents(5, new int[][] {{0, 1}, {1, 2}, {3, 4}}));
        //> 2
        int[][] repeatAndLoop = {{0, 1}, {1, 0}, {2, 2}};
        System.out.println(countComponents(4, repeatAndLoop));
        //> 3
        System.out.println(countComponentsBruteForce(4, repeatAndLoop));
        //> 3
        try {
            countComponents(2, new int[][] {{0, 2}});
        } catch (IllegalArgumentException e) {
            System.out.println(e.getMessage());
            //> edge [0, 2] names a node outside 0..1
        }
        // --8<-- [end:demo]
    }
}
