import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiFunction;

/** The bottom-up skeleton every 1-D dynamic program on this page fills in. */
public final class Template {
    private Template() {}

    // --8<-- [start:tabulate]
    /**
     * The answers to subproblems 0..size, smallest first.
     *
     * <p>first holds the base cases (answers 0, 1, ...), and step.apply(table, i) computes answer
     * i from the table so far. Invariant: when step runs for i, table holds exactly the i final
     * answers 0..i-1, so table.get(i) or beyond throws: step can read only smaller subproblems.
     * It gets a read-only view, so it cannot write one either. Time O(size) calls of step;
     * space O(size): size + 1 answers, not size.
     */
    static <T> List<T> tabulate(int size, List<T> first, BiFunction<List<T>, Integer, T> step) {
        if (size < 0) {
            throw new IllegalArgumentException("size must be zero or more, got " + size);
        }
        if (first.isEmpty()) {
            throw new IllegalArgumentException("give at least one base case");
        }
        List<T> table = new ArrayList<>(first); // a copy: the caller's list is not written
        List<T> readOnly = Collections.unmodifiableList(table);
        for (int i = table.size(); i <= size; i++) {
            table.add(step.apply(readOnly, i));
        }
        // Fewer subproblems than base cases: drop the extras.
        return List.copyOf(table.subList(0, size + 1));
    }
    // --8<-- [end:tabulate]

    public static void main(String[] args) {
        // --8<-- [start:demo]
        // Climbing stairs: ways(i) = ways(i - 1) + ways(i - 2).
        System.out.println(tabulate(7, List.of(1, 1), (ways, i) -> ways.get(i - 1) + ways.get(i - 2)));
        //> [1, 1, 2, 3, 5, 8, 13, 21]

        // House robber: best(i) over the first i houses; take house i - 1 or skip it.
        int[] houses = {2, 7, 9, 3, 1};
        BiFunction<List<Integer>, Integer, Integer> rob =
                (best, i) -> Math.max(best.get(i - 1), (i >= 2 ? best.get(i - 2) : 0) + houses[i - 1]);
        System.out.println(tabulate(houses.length, List.of(0), rob));
        //> [0, 2, 7, 11, 11, 12]

        // Fewest coins for every amount up to 6 with coins 1, 3 and 4 (7: unreachable).
        int[] coins = {1, 3, 4};
        int unreachable = 7;
        BiFunction<List<Integer>, Integer, Integer> fewest =
                (few, amount) -> {
                    int best = unreachable;
                    for (int c : coins) {
                        if (c <= amount) {
                            best = Math.min(best, few.get(amount - c) + 1);
                        }
                    }
                    return best;
                };
        System.out.println(tabulate(6, List.of(0), fewest));
        //> [0, 1, 2, 1, 1, 2, 2]
        try {
            tabulate(-1, List.of(0), fewest);
        } catch (IllegalArgumentException e) {
            System.out.println(e.getMessage());
            //> size must be zero or more, got -1
        }
        // --8<-- [end:demo]
    }
}
