import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** The two sliding-window skeletons: a fixed width, and grow right / shrink left. */
public final class Template {
    private Template() {}

    // --8<-- [start:fixed]
    /**
     * The sum of every window of exactly k items, left to right.
     *
     * <p>Invariant: when a sum is recorded, total is the sum of nums[right - k + 1 .. right].
     */
    static List<Long> fixedWindowSums(int[] nums, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("window size must be at least 1, got " + k);
        }
        List<Long> sums = new ArrayList<>();
        long total = 0; // a long: the sum of k ints can overflow an int
        for (int right = 0; right < nums.length; right++) {
            total += nums[right]; // the new item enters
            if (right >= k) {
                total -= nums[right - k]; // the item k places back leaves
            }
            if (right >= k - 1) {
                sums.add(total);
            }
        }
        return sums;
    }
    // --8<-- [end:fixed]

    // --8<-- [start:variable]
    /** Where a window starts and how many items it holds. */
    record Window(int start, int length) {}

    /**
     * The leftmost longest window for which isValid holds.
     *
     * <p>add/remove keep the caller's window state in step; isValid reads it. Validity must be
     * monotone: every sub-window of a valid window is valid (the empty one too).
     *
     * <p>Invariant: after the while loop, items[left .. right] is valid and no valid window ends
     * at right and starts before left.
     */
    static <T> Window longestValidWindow(
            List<T> items, Consumer<T> add, Consumer<T> remove, BooleanSupplier isValid) {
        var best = new Window(0, 0);
        int left = 0;
        for (int right = 0; right < items.size(); right++) {
            add.accept(items.get(right)); // grow right
            while (!isValid.getAsBoolean()) { // shrink left until valid again
                remove.accept(items.get(left));
                left++;
            }
            if (right - left + 1 > best.length()) { // update only after shrinking
                best = new Window(left, right - left + 1);
            }
        }
        return best;
    }
    // --8<-- [end:variable]

    public static void main(String[] args) {
        // --8<-- [start:demo]
        System.out.println(fixedWindowSums(new int[] {4, 2, 7, 1, 8}, 3));
        //> [13, 10, 16]

        Map<Integer, Integer> counts = new HashMap<>();
        Consumer<Integer> add = c -> counts.merge(c, 1, Integer::sum);
        // merge drops the key when the count reaches 0, so counts.size() is the number of
        // distinct characters in the window
        Consumer<Integer> remove = c -> counts.merge(c, -1, (was, minusOne) -> was == 1 ? null : was - 1);
        String text = "abaccab";
        List<Integer> chars = text.codePoints().boxed().toList();
        Window w = longestValidWindow(chars, add, remove, () -> counts.size() <= 2);
        System.out.println(w.start() + " " + w.length() + " " + text.substring(w.start(), w.start() + w.length()));
        //> 2 4 acca
        // --8<-- [end:demo]
    }
}
