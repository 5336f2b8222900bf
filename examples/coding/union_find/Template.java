import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Union-find (disjoint set union): a parent array, find with path compression, union by size.
 * Two flavors: int elements 0..n-1 in arrays, and any keys in maps.
 */
public final class Template {
    private Template() {}

    // --8<-- [start:disjoint_set]
    /**
     * Elements 0..n-1, each starting in a set of its own.
     *
     * <p>Invariant: following parent[] from any element ends at its set's root, the one element
     * with parent[root] == root; two elements are in the same set exactly when they reach the
     * same root. size[r] is right for roots only. Amortized O(alpha(n)) per find or union; space
     * O(n).
     */
    static final class DisjointSet {
        final int[] parent;
        final int[] size;
        int count; // number of disjoint sets

        DisjointSet(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("n must be >= 0, got " + n);
            }
            parent = new int[n];
            Arrays.setAll(parent, i -> i);
            size = new int[n];
            Arrays.fill(size, 1);
            count = n;
        }

        /** The root of x's set; every node on the way ends up pointing at it. */
        int find(int x) {
            int root = x;
            while (parent[root] != root) {
                root = parent[root];
            }
            while (parent[x] != root) { // second pass: path compression
                int next = parent[x];
                parent[x] = root;
                x = next;
            }
            return root;
        }

        /** Merges the sets of a and b; false if they were already one set. */
        boolean union(int a, int b) {
            int rootA = find(a);
            int rootB = find(b);
            if (rootA == rootB) {
                return false;
            }
            if (size[rootA] < size[rootB]) {
                int swap = rootA;
                rootA = rootB;
                rootB = swap;
            }
            parent[rootB] = rootA; // the smaller tree goes under the larger
            size[rootA] += size[rootB];
            count--; // only here: two different roots became one
            return true;
        }

        boolean connected(int a, int b) {
            return find(a) == find(b);
        }
    }
    // --8<-- [end:disjoint_set]

    // --8<-- [start:keyed]
    /**
     * The same structure over any keys with equals and hashCode (emails, coordinates as records).
     *
     * <p>A key joins as a set of its own the first time add, find or union sees it, so count
     * includes keys that never met another one.
     */
    static final class KeyedDisjointSet<K> {
        private final Map<K, K> parent = new HashMap<>();
        private final Map<K, Integer> size = new HashMap<>();
        int count;

        void add(K key) {
            if (parent.putIfAbsent(key, key) == null) {
                size.put(key, 1);
                count++;
            }
        }

        K find(K key) {
            add(key);
            K root = key;
            while (!parent.get(root).equals(root)) {
                root = parent.get(root);
            }
            while (!parent.get(key).equals(root)) {
                key = parent.put(key, root); // put returns the old parent: the next step up
            }
            return root;
        }

        boolean union(K a, K b) {
            K rootA = find(a);
            K rootB = find(b);
            if (rootA.equals(rootB)) {
                return false;
            }
            if (size.get(rootA) < size.get(rootB)) {
                K swap = rootA;
                rootA = rootB;
                rootB = swap;
            }
            parent.put(rootB, rootA);
            size.merge(rootA, size.get(rootB), Integer::sum);
            count--;
            return true;
        }
    }
    // --8<-- [end:keyed]

    public static void main(String[] args) {
        // --8<-- [start:demo]
        var sets = new DisjointSet(6);
        System.out.println(sets.union(0, 1) + " " + sets.union(1, 2) + " " + sets.union(3, 4));
        //> true true true
        System.out.println(sets.union(2, 0)); // already one set: nothing changes
        //> false
        System.out.println(sets.count + " " + sets.connected(0, 2) + " " + sets.connected(0, 3));
        //> 3 true false
        System.out.println(Arrays.toString(sets.parent) + " " + sets.size[sets.find(0)]);
        //> [0, 0, 0, 3, 3, 5] 3

        var emails = new KeyedDisjointSet<String>();
        emails.union("ann@x.io", "ann@y.io");
        emails.add("bob@x.io");
        System.out.println(emails.count + " " + emails.find("ann@y.io"));
        //> 2 ann@x.io
        // --8<-- [end:demo]
    }
}
