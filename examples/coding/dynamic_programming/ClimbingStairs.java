import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Climbing stairs: the smallest problem that shows overlapping subproblems.
 *
 * <p>You climb steps stairs, one or two at a time. How many different orders of moves
 * reach the top? The plain recursion solves the same smaller staircase again and
 * again; the counters below show how often.
 */
public final class ClimbingStairs {
    private ClimbingStairs() {}

    // --8<-- [start:brute_force]
    /** Plain recursion: the last move was 1 stair or 2. Time O(phi^n), space O(n). */
    static int climbWaysBruteForce(int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be zero or more, got " + steps);
        }
        if (steps <= 1) {
            return 1; // zero stairs: one way, do nothing; one stair: one move
        }
        return climbWaysBruteForce(steps - 1) + climbWaysBruteForce(steps - 2);
    }
    // --8<-- [end:brute_force]

    // --8<-- [start:counted]
    /** How many times each staircase size is solved, without and with a cache, by size. */
    static Map<Integer, Integer> callsPerSubproblem(int steps, boolean cached) {
        Map<Integer, Integer> calls = new TreeMap<>();
        ways(steps, calls, cached ? new HashMap<>() : null);
        return calls;
    }

    private static int ways(int stairs, Map<Integer, Integer> calls, Map<Integer, Integer> memo) {
        if (memo != null && memo.containsKey(stairs)) {
            return memo.get(stairs); // a cache hit is not counted
        }
        calls.merge(stairs, 1, Integer::sum); // counts a real evaluation
        int result = stairs <= 1 ? 1 : ways(stairs - 1, calls, memo) + ways(stairs - 2, calls, memo);
        if (memo != null) {
            memo.put(stairs, result);
        }
        return result;
    }
    // --8<-- [end:counted]

    // --8<-- [start:optimal]
    /**
     * Ways to climb steps stairs taking 1 or 2 at a time. ways(i) = ways(i-1) +
     * ways(i-2): keep only the last two values. Time O(n), space O(1).
     */
    static int climbWays(int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be zero or more, got " + steps);
        }
        int twoBack = 1; // ways(0)
        int oneBack = 1; // ways(1)
        for (int i = 1; i < steps; i++) {
            int next = twoBack + oneBack;
            twoBack = oneBack;
            oneBack = next;
        }
        return oneBack;
    }
    // --8<-- [end:optimal]

    public static void main(String[] args) {
        // --8<-- [start:demo]
        System.out.println(callsPerSubproblem(6, false)); // stairs=times solved
        //> {0=5, 1=8, 2=5, 3=3, 4=2, 5=1, 6=1}
        System.out.println(callsPerSubproblem(6, true));
        //> {0=1, 1=1, 2=1, 3=1, 4=1, 5=1, 6=1}
        for (int steps : new int[] {10, 20, 25}) {
            int plain = callsPerSubproblem(steps, false).values().stream().mapToInt(Integer::intValue).sum();
            int memo = callsPerSubproblem(steps, true).values().stream().mapToInt(Integer::intValue).sum();
            System.out.printf("n=%d: %d ways, %,d calls plain, %d cached%n", steps, climbWays(steps), plain, memo);
            //> n=10: 89 ways, 177 calls plain, 11 cached
            //> n=20: 10946 ways, 21,891 calls plain, 21 cached
            //> n=25: 121393 ways, 242,785 calls plain, 26 cached
        }
        try {
            climbWays(-1);
        } catch (IllegalArgumentException e) {
            System.out.println(e.getMessage());
            //> steps must be zero or more, got -1
        }
        // --8<-- [end:demo]
    }
}
