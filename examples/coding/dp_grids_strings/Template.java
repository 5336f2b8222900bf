import java.util.ArrayList;
import java.util.List;

/** The bottom-up skeleton for a 2-D dynamic program: a table filled in row-major order. */
public final class Template {
    private Template() {}

    // --8<-- [start:fill_table]
    /** What a cell is, given the table filled so far. */
    @FunctionalInterface
    interface Cell<T> {
        T at(List<List<T>> table, int i, int j);
    }

    /**
     * A rows x cols table whose cell (i, j) is cell.at(table, i, j).
     *
     * <p>Cells are filled row by row, each row left to right (row-major order). Invariant: when
     * cell.at(table, i, j) runs, every cell above row i and every cell left of column j in row i
     * is final, so it may read (i - 1, j), (i, j - 1) and (i - 1, j - 1), and must not read
     * anything below or right. Those cells do not exist yet (row i has j entries, later rows
     * none), so reading one throws IndexOutOfBoundsException instead of giving a silent null.
     * Time O(rows * cols) calls of cell; space O(rows * cols).
     */
    static <T> List<List<T>> fillTable(int rows, int cols, Cell<T> cell) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException(
                    "a table cannot be " + rows + " x " + cols);
        }
        List<List<T>> table = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            table.add(new ArrayList<>(cols));
            for (int j = 0; j < cols; j++) {
                table.get(i).add(cell.at(table, i, j));
            }
        }
        return table;
    }
    // --8<-- [end:fill_table]

    // --8<-- [start:lcs_with_template]
    /**
     * Length of a longest common subsequence, as one call to fillTable.
     *
     * <p>Cell (i, j) answers the question for the prefixes a[:i] and b[:j], so the table has
     * a.length + 1 rows and b.length + 1 columns: row 0 and column 0 are the empty prefix. String
     * index i - 1 belongs to table row i.
     */
    static int lcsLengthByTemplate(String a, String b) {
        int[] x = a.codePoints().toArray(); // compare characters, not UTF-16 units
        int[] y = b.codePoints().toArray();
        Cell<Integer> cell =
                (table, i, j) -> {
                    if (i == 0 || j == 0) {
                        return 0; // nothing is common with an empty prefix
                    }
                    if (x[i - 1] == y[j - 1]) {
                        return table.get(i - 1).get(j - 1) + 1;
                    }
                    return Math.max(table.get(i - 1).get(j), table.get(i).get(j - 1));
                };
        return fillTable(x.length + 1, y.length + 1, cell).get(x.length).get(y.length);
    }
    // --8<-- [end:lcs_with_template]

    public static void main(String[] args) {
        // --8<-- [start:demo]
        System.out.println(lcsLengthByTemplate("kitten", "sitting"));
        //> 4
        // Paths from the top-left corner that move only right or down:
        List<List<Integer>> paths =
                fillTable(
                        3,
                        4,
                        (table, i, j) ->
                                i == 0 || j == 0
                                        ? 1
                                        : table.get(i - 1).get(j) + table.get(i).get(j - 1));
        for (List<Integer> row : paths) {
            System.out.println(row);
            //> [1, 1, 1, 1]
            //> [1, 2, 3, 4]
            //> [1, 3, 6, 10]
        }
        try {
            fillTable(-1, 2, (table, i, j) -> 0);
        } catch (IllegalArgumentException e) {
            System.out.println(e.getMessage());
            //> a table cannot be -1 x 2
        }
        // --8<-- [end:demo]
    }
}
