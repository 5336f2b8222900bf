import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Subsets: every subset of a list of distinct values (the power set). */
public final class Subsets {
    private Subsets() {}

    // --8<-- [start:optimal]
    /**
     * Every subset of nums, each in the input's order, the empty one first.
     *
     * <p>Each node of the search is a subset: record it, then try every later index as
     * the next member. Time O(n * 2^n): 2^n subsets, each copied in O(n). Extra space
     * O(n) for the path, besides the output.
     *
     * @throws IllegalArgumentException on repeated values
     */
    static List<List<Integer>> subsets(int[] nums) {
        Set<Integer> seen = new HashSet<>();
        for (int value : nums) {
            if (!seen.add(value)) {
                throw new IllegalArgumentException("values must be distinct, " + value + " repeats");
            }
        }
        List<List<Integer>> result = new ArrayList<>();
        explore(nums, 0, new ArrayList<>(), result);
        return result;
    }

    private static void explore(int[] nums, int start, List<Integer> path, List<List<Integer>> result) {
        result.add(List.copyOf(path)); // every node is an answer
        for (int i = start; i < nums.length; i++) {
            path.add(nums[i]); // choose nums[i]
            explore(nums, i + 1, path, result); // only later indices: no subset twice
            path.remove(path.size() - 1); // un-choose
        }
    }
    // --8<-- [end:optimal]

    // --8<-- [start:brute_force]
    /**
     * Reads each of the 2^n bitmasks as a subset: bit i set means nums[i] is in.
     * Time O(n * 2^n), extra space O(n). No recursion at all.
     */
    static List<List<Integer>> subsetsBruteForce(int[] nums) {
        List<List<Integer>> result = new ArrayList<>();
        for (int mask = 0; mask < 1 << nums.length; mask++) {
            List<Integer> subset = new ArrayList<>();
            for (int i = 0; i < nums.length; i++) {
                if ((mask >> i & 1) == 1) {
                    subset.add(nums[i]);
                }
            }
            result.add(subset);
        }
        return result;
    }
    // --8<-- [end:brute_force]

    public static void main(String[] args) {
        // --8<-- [start:demo]
        System.out.println(subsets(new int[] {1, 2, 3}));
        //> [[], [1], [1, 2], [1, 2, 3], [1, 3], [2], [2, 3], [3]]
        System.out.println(subsetsBruteForce(new int[] {1, 2, 3}));
        //> [[], [1], [2], [1, 2], [3], [1, 3], [2, 3], [1, 2, 3]]
        try {
            subsets(new int[] {1, 1});
        } catch (IllegalArgumentException e) {
            System.out.println(e.getMessage());
            //> values must be distinct, 1 repeats
        }
        // --8<-- [end:demo]
    }
}
