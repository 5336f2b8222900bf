import java.util.ArrayDeque;
import java.util.Deque;

/** Number of islands: count the 4-connected groups of land cells in a grid. */
public final class NumberOfIslands {
    private NumberOfIslands() {}

    private record Cell(int row, int col) {}

    /** The moves up, down, left and right: no diagonals. */
    private static final int[][] STEPS4 = {{-1, 0}, {1, 0}, {0, -1}, {0, 1}};

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
     * Counts the islands of 1s (land), joined up, down, left and right. Leaves the grid
     * unchanged: visited cells are marked in a grid of their own, not in the input.
     * O(rows * cols) time and space.
     */
    static int numIslands(int[][] grid) {
        checkGrid(grid);
        boolean[][] seen = new boolean[grid.length][grid.length == 0 ? 0 : grid[0].length];
        int islands = 0;
        for (int row = 0; row < grid.length; row++) {
            for (int col = 0; col < grid[row].length; col++) {
                if (grid[row][col] != 1 || seen[row][col]) {
                    continue;
                }
                islands++; // a land cell no earlier fill reached: a new island
                seen[row][col] = true;
                Deque<Cell> stack = new ArrayDeque<>(); // any order fills an island: a stack will do
                stack.push(new Cell(row, col));
                while (!stack.isEmpty()) {
                    Cell here = stack.pop();
                    for (int[] step : STEPS4) {
                        int r = here.row() + step[0];
                        int c = here.col() + step[1];
                        if (r < 0 || r >= grid.length || c < 0 || c >= grid[r].length) {
                            continue; // off the grid
                        }
                        if (grid[r][c] == 1 && !seen[r][c]) {
                            seen[r][c] = true; // mark on push, as BFS marks on enqueue
                            stack.push(new Cell(r, c));
                        }
                    }
                }
            }
        }
        return islands;
    }
    // --8<-- [end:optimal]

    public static void main(String[] args) {
        // --8<-- [start:demo]
        int[][] grid = {
            {1, 1, 0, 0, 1},
            {1, 0, 0, 1, 1},
            {0, 0, 1, 0, 0},
            {1, 0, 0, 0, 1},
        };
        System.out.println(numIslands(grid));
        //> 5
        System.out.println(numIslands(new int[][] {{1, 0}, {0, 1}})); // diagonal cells are not joined
        //> 2
        try {
            numIslands(new int[][] {{1, 1}, {1}});
        } catch (IllegalArgumentException e) {
            System.out.println(e.getMessage());
            //> every row of the grid must have the same length
        }
        // --8<-- [end:demo]
    }
}
