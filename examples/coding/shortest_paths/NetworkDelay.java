import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/** Network delay time: Dijkstra from one source, then the slowest node. */
public final class NetworkDelay {
    private NetworkDelay() {}

    private static void checkNetwork(int[][] times, int n, int source) {
        if (n < 1 || source < 1 || source > n) {
            throw new IllegalArgumentException("need n >= 1 and a source in 1..n");
        }
        for (int[] edge : times) {
            if (edge.length != 3 || edge[0] < 1 || edge[0] > n || edge[1] < 1 || edge[1] > n || edge[2] < 0) {
                throw new IllegalArgumentException("bad edge " + Arrays.toString(edge) + ": nodes 1..n, delay >= 0");
            }
        }
    }

    private record Link(int to, int delay) {}

    private record Arrival(long at, int node) {}

    // --8<-- [start:optimal]
    /**
     * The time until a signal sent from source reaches every node 1..n, or -1 if some
     * node is never reached. times holds directed [u, v, delay] edges.
     * O((V + E) log V) time, O(V + E) space.
     */
    static long networkDelayTime(int[][] times, int n, int source) {
        checkNetwork(times, n, source);
        List<List<Link>> out = new ArrayList<>(); // nodes are 1..n: index 0 stays empty
        for (int node = 0; node <= n; node++) {
            out.add(new ArrayList<>());
        }
        for (int[] edge : times) {
            out.get(edge[0]).add(new Link(edge[1], edge[2]));
        }
        long[] best = new long[n + 1];
        Arrays.fill(best, Long.MAX_VALUE); // not reached yet
        best[source] = 0;
        PriorityQueue<Arrival> pending = new PriorityQueue<>(Comparator.comparingLong(Arrival::at));
        pending.add(new Arrival(0, source));
        while (!pending.isEmpty()) {
            Arrival next = pending.poll();
            if (next.at() > best[next.node()]) {
                continue; // stale: this node was reached sooner
            }
            for (Link link : out.get(next.node())) {
                long at = next.at() + link.delay();
                if (at < best[link.to()]) {
                    best[link.to()] = at;
                    pending.add(new Arrival(at, link.to()));
                }
            }
        }
        long slowest = 0;
        for (int node = 1; node <= n; node++) { // every node counts, reached or not
            if (best[node] == Long.MAX_VALUE) {
                return -1;
            }
            slowest = Math.max(slowest, best[node]);
        }
        return slowest;
    }
    // --8<-- [end:optimal]

    public static void main(String[] args) {
        // --8<-- [start:demo]
        int[][] times = {{1, 2, 4}, {1, 3, 1}, {3, 2, 2}, {2, 4, 1}};
        System.out.println(networkDelayTime(times, 4, 1)); // 4 is reached at 1 + 2 + 1
        //> 4
        System.out.println(networkDelayTime(times, 5, 1)); // node 5 has no incoming edge
        //> -1
        System.out.println(networkDelayTime(times, 4, 2)); // edges are one-way
        //> -1
        // --8<-- [end:demo]
    }
}
