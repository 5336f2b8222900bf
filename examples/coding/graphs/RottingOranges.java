import java.util.ArrayDeque;
import java.util.Deque;

/** Rotting oranges: minutes until every orange is rotten, by BFS from all rotten ones at once. */
public final class RottingOranges {
    private RottingOranges() {}

    private static final int FRESH = 1;
    private static final int ROTTEN = 2;

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
     * Minutes until no orange is fresh, or -1 if some fresh one never rots. Each minute,
     * rot spreads from a rotten orange to the fresh ones beside it. All rotten oranges
     * start the BFS together, so a fresh orange's BFS distance is the minute it rots.
     * O(rows * cols) time and space.
     */
    static int minutesToRot(int[][] grid) {
        checkGrid(grid);
        int rows = grid.length;
        int cols = rows == 0 ? 0 : grid[0].length;
        int[][] minute = new int[rows][cols]; // -1: not reached (yet)
        Deque<Cell> queue = new ArrayDeque<>();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                minute[r][c] = -1;
                if (grid[r][c] == ROTTEN) {
                    minute[r][c] = 0;
                    queue.add(new Cell(r, c)); // every source at distance 0
                }
            }
        }
        while (!queue.isEmpty()) {
            Cell here = queue.remove();
            for (int[] step : STEPS4) {
                int r = here.row() + step[0];
                int c = here.col() + step[1];
                if (0 <= r && r < rows && 0 <= c && c < cols && grid[r][c] == FRESH && minute[r][c] < 0) {
                    minute[r][c] = minute[here.row()][here.col()] + 1;
                    queue.add(new Cell(r, c));
                }
            }
        }
        int latest = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if (grid[r][c] == FRESH) {
                    if (minute[r][c] < 0) {
                        return -1; // walled off from every rotten orange
                    }
                    latest = Math.max(latest, minute[r][c]);
                }
            }
        }
        return latest;
    }
    // --8<-- [end:optimal]

    public static void main(String[] args) {
        System.out.println(minutesToRot(new int[][] {{2, 1, 1}, {1, 1, 0}, {0, 1, 1}}));
        //> 4
        System.out.println(minutesToRot(new int[][] {{2, 1, 1}, {0, 1, 1}, {1, 0, 1}})); // the corner never rots
        //> -1
    }
}
