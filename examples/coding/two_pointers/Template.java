import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.IntBinaryOperator;

/**
 * The two shapes of two pointers, as reusable helpers.
 *
 * <p>converge walks two indices toward each other over sorted data. compact walks a read index
 * and a write index in the same direction and rewrites a list in place.
 */
public final class Template {
    private Template() {}

    // --8<-- [start:converge]
    /** Two indices, i < j. */
    record Pair(int i, int j) {}

    /**
     * Indices i < j with compare(i, j) == 0, found moving in from both ends, or empty.
     *
     * <p>compare(i, j) returns a negative number when the pair is too small (so i moves right), a
     * positive one when it is too big (so j moves left), and 0 when (i, j) is the answer. This is
     * only correct when moving an index can never skip an answer: on data sorted ascending, "too
     * small" means no pair that uses i can work, and "too big" means no pair that uses j can.
     * Time O(size) calls of compare; space O(1).
     */
    static Optional<Pair> converge(int size, IntBinaryOperator compare) {
        int left = 0;
        int right = size - 1;
        while (left < right) { // two distinct indices; left == right would reuse one
            // Invariant: no answer uses an index below left or above right.
            int verdict = compare.applyAsInt(left, right);
            if (verdict == 0) {
                return Optional.of(new Pair(left, right));
            }
            if (verdict < 0) {
                left++;
            } else {
                right--;
            }
        }
        return Optional.empty();
    }
    // --8<-- [end:converge]

    // --8<-- [start:compact]
    /**
     * Keeps, in order and in place, the values that keep accepts; returns how many.
     *
     * <p>keep.test(value, kept) sees the candidate and a view of the kept prefix, so a rule can
     * look at what it already kept (for example "differs from the last kept value"). After the
     * call values[0..count) holds the kept values; the slots after it hold leftovers. Time O(n)
     * calls of keep; space O(1).
     */
    static <T> int compact(List<T> values, BiPredicate<T, List<T>> keep) {
        int write = 0;
        for (int read = 0; read < values.size(); read++) {
            // Invariant: values[0..write) is the answer for values[0..read), and write <= read.
            T value = values.get(read);
            if (keep.test(value, values.subList(0, write))) {
                values.set(write, value);
                write++;
            }
        }
        return write;
    }
    // --8<-- [end:compact]

    public static void main(String[] args) {
        // --8<-- [start:demo]
        int[] prices = {3, 8, 11, 15, 21};
        System.out.println(converge(prices.length, (i, j) -> prices[i] + prices[j] - 26));
        //> Optional[Pair[i=2, j=3]]
        List<Integer> readings = new ArrayList<>(List.of(1, 1, 2, 2, 2, 5));
        int count =
                compact(readings, (value, kept) -> kept.isEmpty() || !value.equals(kept.get(kept.size() - 1)));
        System.out.println(count + " " + readings.subList(0, count));
        //> 3 [1, 2, 5]
        // --8<-- [end:demo]
    }
}
