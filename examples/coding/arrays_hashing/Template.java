import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** The template of the pattern: one pass, look up the partner, then record the item. */
public final class Template {
    private Template() {}

    // --8<-- [start:template]
    /**
     * Counts the pairs j < i with values[j] equal to partner(values[i]), in O(n) time and space.
     *
     * <p>Invariant: when step i looks up, seen holds exactly values[0..i-1]. Looking up before
     * recording is what stops an item pairing with itself.
     */
    static <T> long countPairsWithEarlier(Iterable<T> values, UnaryOperator<T> partner) {
        Map<T, Integer> seen = new HashMap<>();
        long pairs = 0;
        for (T value : values) {
            pairs += seen.getOrDefault(partner.apply(value), 0); // a missing key counts 0
            seen.merge(value, 1, Integer::sum);
        }
        return pairs;
    }
    // --8<-- [end:template]

    // --8<-- [start:uses]
    /** Pairs i < j with nums[i] + nums[j] == target. */
    static long countPairsSummingTo(List<Integer> nums, int target) {
        return countPairsWithEarlier(nums, x -> target - x);
    }

    /** A subarray sums to k when two prefix sums differ by k. */
    static long countSubarraysSummingTo(int[] nums, int k) {
        List<Long> prefixSums = new ArrayList<>(nums.length + 1); // 0, nums[0], nums[0] + nums[1], ...
        long running = 0;
        prefixSums.add(running);
        for (int x : nums) {
            running += x; // a long: int prefix sums could overflow
            prefixSums.add(running);
        }
        return countPairsWithEarlier(prefixSums, p -> p - k);
    }

    static boolean hasDuplicate(List<String> items) {
        return countPairsWithEarlier(items, s -> s) > 0;
    }
    // --8<-- [end:uses]

    public static void main(String[] args) {
        // --8<-- [start:demo]
        System.out.println(countPairsSummingTo(List.of(3, 3, 1, 5), 6));
        //> 2
        System.out.println(countPairsSummingTo(List.of(3), 6)); // 3 is not its own partner
        //> 0
        System.out.println(countSubarraysSummingTo(new int[] {1, -1, 1}, 1));
        //> 3
        System.out.println(hasDuplicate(List.of("a", "b", "a")));
        //> true
        // --8<-- [end:demo]
    }
}
