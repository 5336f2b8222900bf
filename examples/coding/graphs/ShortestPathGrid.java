import java.util.ArrayList;
import java.util.List;

/** Shortest clear path in a binary grid, moving in eight directions. */
public final class ShortestPathGrid {
    private ShortestPathGrid() {}

    private record Cell(int row, int col) {}

    /** The eight moves to a neighbor, diagonals included. */
    private static final int[][] STEPS8 = {
        {-1, -1}, {-1, 0}, {-1, 1},
        {0, -1}, {0, 1},
        {1, -1}, {1, 0}, {1, 1},
    };

    /** Refuses a ragged grid: every row must be as long as the first. */
    private static void checkGrid(int[][] grid) {
        for (int[] row : grid) {
            if (row.length != grid[0].length) {
                throw new IllegalArgumentException("every row of the grid must have the same length");
            }
        }
    }

    // --8<-- [start:optimal]
    /**
     * The number of cells on the shortest path of 0s from the top-left to the
     * bottom-right cell, moving to any of the eight neighbors; -1 when no path exists
     * (including a blocked start or end). O(rows * cols) time and space.
     */
    static int shortestClearPath(int[][] grid) {
        checkGrid(grid);
        if (grid.length == 0 || grid[0].length == 0) {
            return -1;
        }
        int rows = grid.length;
        int cols = grid[0].length;
        if (grid[0][0] != 0 || grid[rows - 1][cols - 1] != 0) {
            return -1;
        }
        boolean[][] seen = new boolean[rows][cols];
        seen[0][0] = true;
        List<Cell> level = List.of(new Cell(0, 0));
        for (int length = 1; !level.isEmpty(); length++) { // cells on a path to anything in level
            List<Cell> next = new ArrayList<>();
            for (Cell here : level) { // exactly the cells length away
                if (here.row() == rows - 1 && here.col() == cols - 1) {
                    return length;
                }
                for (int[] step : STEPS8) {
                    int r = here.row() + step[0];
                    int c = here.col() + step[1];
                    boolean inside = 0 <= r && r < rows && 0 <= c && c < cols;
                    if (inside && grid[r][c] == 0 && !seen[r][c]) {
                        seen[r][c] = true;
                        next.add(new Cell(r, c));
                    }
                }
            }
            level = next;
        }
        return -1;
    }
    // --8<-- [end:optimal]

    public static void main(String[] args) {
        // --8<-- [start:demo]
        int[][] grid = {
            {0, 0, 0, 1},
            {1, 1, 0, 1},
            {1, 1, 0, 0},
            {1, 1, 1, 0},
        };
        System.out.println(shortestClearPath(grid));
        //> 5
        System.out.println(shortestClearPath(new int[][] {{0, 1}, {1, 0}})); // one diagonal step
        //> 2
        System.out.println(shortestClearPath(new int[][] {{0, 1}, {1, 1}})); // the end is blocked
        //> -1
        // --8<-- [end:demo]
    }
}
