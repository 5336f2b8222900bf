/** Number of provinces: connected groups in an adjacency matrix. */
public final class Provinces {
    private Provinces() {}

    private static void checkMatrix(int[][] linked) {
        int n = linked.length;
        for (int i = 0; i < n; i++) {
            if (linked[i].length != n) {
                throw new IllegalArgumentException(
                        "row " + i + " has " + linked[i].length + " entries; the matrix is " + n + " x " + n);
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (linked[i][j] != 0 && linked[i][j] != 1 || linked[i][j] != linked[j][i]) {
                    throw new IllegalArgumentException("the matrix must be symmetric, of 0s and 1s");
                }
            }
        }
    }

    // --8<-- [start:optimal]
    /**
     * The number of connected groups of cities; linked[i][j] == 1 when cities i and j
     * are directly connected. Only the upper triangle is read: the matrix is symmetric.
     * Union by size with path compression: time O(n^2 alpha(n)), space O(n) beyond
     * the input.
     */
    static int countProvinces(int[][] linked) {
        checkMatrix(linked);
        int n = linked.length;
        int[] parent = new int[n];
        int[] size = new int[n];
        for (int x = 0; x < n; x++) {
            parent[x] = x;
            size[x] = 1;
        }
        int provinces = n;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (linked[i][j] == 0) {
                    continue;
                }
                int a = find(parent, i);
                int b = find(parent, j);
                if (a == b) {
                    continue;
                }
                if (size[a] < size[b]) {
                    int swap = a;
                    a = b;
                    b = swap;
                }
                parent[b] = a; // the smaller tree goes under the larger
                size[a] += size[b];
                provinces--;
            }
        }
        return provinces;
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

    public static void main(String[] args) {
        System.out.println(countProvinces(new int[][] {{1, 1, 0}, {1, 1, 0}, {0, 0, 1}}));
        //> 2
        try {
            countProvinces(new int[][] {{1, 1}, {0, 1}});
        } catch (IllegalArgumentException e) {
            System.out.println(e.getMessage());
            //> the matrix must be symmetric, of 0s and 1s
        }
    }
}
