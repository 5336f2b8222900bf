import java.math.BigInteger;

/** Unique paths in a grid with obstacles: one row of counts, and a binomial closed form. */
public final class UniquePaths {
    private UniquePaths() {}

    private static void checkGrid(int[][] grid) {
        for (int[] row : grid) {
            if (row.length != grid[0].length) {
                throw new IllegalArgumentException("every row of the grid must have the same length");
            }
            for (int cell : row) {
                if (cell != 0 && cell != 1) {
                    throw new IllegalArgumentException("cells must be 0 (open) or 1 (blocked), not " + cell);
                }
            }
        }
    }

    // --8<-- [start:optimal]
    /**
     * Paths from the top-left to the bottom-right cell, moving right or down.
     *
     * <p>grid[i][j] is 1 for a blocked cell and 0 for an open one. The state: paths[j]
     * after row i is the number of paths from (0, 0) to (i, j). Transition: paths into
     * (i, j) = paths into the cell above (the old paths[j]) + paths into the cell to
     * its left (paths[j-1], already updated for row i); a blocked cell has 0.
     * Time O(m * n), space O(n). A long: past 2^63 - 1 it would wrap around.
     */
    static long uniquePathsWithObstacles(int[][] grid) {
        checkGrid(grid); // before the empty test: {{}, {0}} is ragged, not empty
        if (grid.length == 0 || grid[0].length == 0) {
            return 0;
        }
        long[] paths = new long[grid[0].length];
        paths[0] = 1; // one way to stand on the start, before looking at it
        for (int[] row : grid) {
            for (int j = 0; j < row.length; j++) {
                if (row[j] == 1) {
                    paths[j] = 0;
                } else if (j > 0) {
                    paths[j] += paths[j - 1]; // above (old value) + left (new value)
                }
            }
        }
        return paths[paths.length - 1];
    }
    // --8<-- [end:optimal]

    // --8<-- [start:brute_force]
    /**
     * Walks every path: from each cell, try right and try down. Plain recursion, no
     * cache. Time O(2^(m + n)), space O(m + n) of recursion.
     */
    static long uniquePathsWithObstaclesBruteForce(int[][] grid) {
        checkGrid(grid);
        if (grid.length == 0 || grid[0].length == 0) {
            return 0;
        }
        return walk(grid, 0, 0);
    }

    private static long walk(int[][] grid, int i, int j) {
        int lastRow = grid.length - 1;
        int lastCol = grid[0].length - 1;
        if (i > lastRow || j > lastCol || grid[i][j] == 1) {
            return 0;
        }
        if (i == lastRow && j == lastCol) {
            return 1;
        }
        return walk(grid, i, j + 1) + walk(grid, i + 1, j);
    }
    // --8<-- [end:brute_force]

    // --8<-- [start:closed_form]
    /**
     * Paths through an open rows x cols grid: a binomial coefficient. Every path is
     * rows - 1 moves down and cols - 1 moves right in some order; choosing which of
     * the rows + cols - 2 moves go down fixes it. A BigInteger, since the count
     * outgrows 64 bits long before the grid is large.
     */
    static BigInteger uniquePaths(int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("a grid cannot be " + rows + " x " + cols);
        }
        if (rows == 0 || cols == 0) {
            return BigInteger.ZERO;
        }
        int n = rows + cols - 2;
        int k = Math.min(rows - 1, cols - 1);
        BigInteger result = BigInteger.ONE;
        for (int i = 1; i <= k; i++) { // C(n, i) = C(n, i - 1) * (n - i + 1) / i, exact at each step
            result = result.multiply(BigInteger.valueOf(n - k + i)).divide(BigInteger.valueOf(i));
        }
        return result;
    }
    // --8<-- [end:closed_form]

    public static void main(String[] args) {
        // --8<-- [start:demo]
        System.out.println(uniquePathsWithObstacles(new int[][] {{0, 0, 0}, {0, 1, 0}, {0, 0, 0}}));
        //> 2
        System.out.println(uniquePathsWithObstacles(new int[][] {{0, 1}, {1, 0}})); // walled off
        //> 0
        int[][] openGrid = new int[3][7];
        System.out.println(uniquePathsWithObstacles(openGrid) + " " + uniquePaths(3, 7));
        //> 28 28
        BigInteger huge = uniquePaths(100, 100);
        System.out.println(huge);
        //> 22750883079422934966181954039568885395604168260154104734000
        System.out.println(huge.bitLength()); // bits: far past 64
        //> 194
        // --8<-- [end:demo]
    }
}
