/** Longest common subsequence: the length in one row, one LCS from the full table. */
public final class Lcs {
    private Lcs() {}

    // --8<-- [start:length]
    /**
     * The length of a longest common subsequence of a and b.
     *
     * <p>The state: row[j] after processing a[:i] is the LCS length of a[:i] and b[:j].
     * Transition: if a[i-1] == b[j-1], the diagonal plus one, else the larger of the
     * cell above (old row[j]) and the cell to the left (new row[j-1]). The diagonal is
     * the old row[j-1], which this row has already overwritten, so it is saved first.
     * Time O(m * n), space O(min(m, n)): the shorter string goes on the row.
     */
    static int lcsLength(String a, String b) {
        int[] x = a.codePoints().toArray(); // characters, not UTF-16 units
        int[] y = b.codePoints().toArray();
        if (y.length > x.length) { // LCS is symmetric; a shorter row is less memory
            int[] swap = x;
            x = y;
            y = swap;
        }
        int[] row = new int[y.length + 1]; // row 0: the empty prefix of a
        for (int i = 1; i <= x.length; i++) {
            int diagonal = 0; // old row[0]: the empty prefix of b is always 0
            for (int j = 1; j <= y.length; j++) {
                int above = row[j]; // old row[j], the diagonal of the next cell
                row[j] = x[i - 1] == y[j - 1] ? diagonal + 1 : Math.max(above, row[j - 1]);
                diagonal = above;
            }
        }
        return row[y.length];
    }
    // --8<-- [end:length]

    // --8<-- [start:reconstruct]
    /**
     * One longest common subsequence of a and b (there may be several).
     *
     * <p>Fills the whole (m + 1) x (n + 1) table, then walks back from (m, n): a match
     * on the diagonal is part of the answer; otherwise step toward the neighbor that
     * holds the same length. Time O(m * n), space O(m * n): the walk needs every row.
     */
    static String longestCommonSubsequence(String a, String b) {
        int[] x = a.codePoints().toArray();
        int[] y = b.codePoints().toArray();
        int[][] table = new int[x.length + 1][y.length + 1];
        for (int i = 1; i <= x.length; i++) {
            for (int j = 1; j <= y.length; j++) {
                table[i][j] = x[i - 1] == y[j - 1]
                        ? table[i - 1][j - 1] + 1
                        : Math.max(table[i - 1][j], table[i][j - 1]);
            }
        }
        int[] letters = new int[table[x.length][y.length]];
        int i = x.length;
        int j = y.length;
        for (int next = letters.length - 1; i > 0 && j > 0; ) {
            if (x[i - 1] == y[j - 1]) {
                letters[next--] = x[i - 1]; // filled from the back: no reverse needed
                i--;
                j--;
            } else if (table[i - 1][j] >= table[i][j - 1]) {
                i--; // the answer for (i, j) is also the answer without a[i-1]
            } else {
                j--;
            }
        }
        return new String(letters, 0, letters.length);
    }
    // --8<-- [end:reconstruct]

    // --8<-- [start:brute_force]
    /**
     * Plain recursion over every choice at (i, j): skip a[i], skip b[j], or, when they
     * are equal, keep both. No cache: time O(3^(m + n)), space O(m + n) of recursion.
     */
    static int lcsLengthBruteForce(String a, String b) {
        return best(a.codePoints().toArray(), b.codePoints().toArray(), 0, 0);
    }

    private static int best(int[] x, int[] y, int i, int j) {
        if (i == x.length || j == y.length) {
            return 0;
        }
        int length = Math.max(best(x, y, i + 1, j), best(x, y, i, j + 1));
        if (x[i] == y[j]) {
            length = Math.max(length, 1 + best(x, y, i + 1, j + 1));
        }
        return length;
    }
    // --8<-- [end:brute_force]

    public static void main(String[] args) {
        // --8<-- [start:demo]
        String a = "ABCBDAB";
        String b = "BDCABA";
        System.out.println(lcsLength(a, b) + " " + lcsLengthBruteForce(a, b));
        //> 4 4
        System.out.println(longestCommonSubsequence(a, b));
        //> BCBA
        System.out.println(longestCommonSubsequence(b, a)); // swapped: another LCS
        //> BDAB
        System.out.println("\"" + longestCommonSubsequence("abc", "xyz") + "\"");
        //> ""
        // --8<-- [end:demo]
    }
}
