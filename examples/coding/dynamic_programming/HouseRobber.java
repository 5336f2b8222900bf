/**
 * House robber: from a recursion to two variables, on one problem.
 *
 * <p>Houses stand in a row, each holding an amount. Take amounts from houses, never
 * from two neighbors, and return the largest total. (A negative amount is never worth
 * taking, so skipping every house, 0, is always allowed.) best(i) is the largest total
 * from the first i houses: house i-1 is either skipped, best(i-1), or taken,
 * values[i-1] + best(i-2).
 */
public final class HouseRobber {
    private HouseRobber() {}

    // --8<-- [start:brute_force]
    /** Plain recursion on the state. Time O(phi^n), space O(n) depth. */
    static int houseRobberBruteForce(int[] values) {
        return best(values, values.length);
    }

    private static int best(int[] values, int i) { // the largest total from the first i houses
        if (i <= 0) {
            return 0;
        }
        return Math.max(best(values, i - 1), values[i - 1] + best(values, i - 2));
    }
    // --8<-- [end:brute_force]

    // --8<-- [start:table]
    /** Fills best[0..n] smallest first. Time O(n), space O(n). */
    static int houseRobberTable(int[] values) {
        int n = values.length;
        int[] best = new int[n + 1]; // best[i] for i = 0..n: n + 1 subproblems
        for (int i = 1; i <= n; i++) {
            int twoBack = i >= 2 ? best[i - 2] : 0;
            best[i] = Math.max(best[i - 1], values[i - 1] + twoBack);
        }
        return best[n];
    }
    // --8<-- [end:table]

    // --8<-- [start:optimal]
    /** Keeps only the two entries the transition reads. Time O(n), space O(1). */
    static int houseRobber(int[] values) {
        int twoBack = 0; // best(i-2)
        int oneBack = 0; // best(i-1)
        for (int value : values) {
            int next = Math.max(oneBack, value + twoBack);
            twoBack = oneBack;
            oneBack = next;
        }
        return oneBack;
    }
    // --8<-- [end:optimal]

    public static void main(String[] args) {
        // --8<-- [start:demo]
        int[] houses = {2, 7, 9, 3, 1};
        System.out.println(houseRobberBruteForce(houses) + " " + houseRobberTable(houses));
        //> 12 12
        System.out.println(houseRobber(houses)); // 2 + 9 + 1
        //> 12
        // --8<-- [end:demo]
    }
}
