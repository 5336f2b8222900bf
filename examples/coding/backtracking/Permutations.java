import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Permutations: every ordering of a list of distinct values. */
public final class Permutations {
    private Permutations() {}

    // --8<-- [start:optimal]
    /**
     * Every ordering of nums (distinct values), in lexicographic order of positions.
     *
     * <p>A node is a prefix; its children are the values not used yet, tracked in an
     * array of flags so the check is O(1). Time O(n * n!): n! leaves, each copied in
     * O(n), and fewer than e * n! nodes in all. Extra space O(n).
     *
     * @throws IllegalArgumentException on repeated values
     */
    static List<List<Integer>> permutations(int[] nums) {
        Set<Integer> seen = new HashSet<>();
        for (int value : nums) {
            if (!seen.add(value)) {
                throw new IllegalArgumentException("values must be distinct, " + value + " repeats");
            }
        }
        List<List<Integer>> result = new ArrayList<>();
        explore(nums, new boolean[nums.length], new ArrayList<>(), result);
        return result;
    }

    private static void explore(int[] nums, boolean[] used, List<Integer> path, List<List<Integer>> result) {
        if (path.size() == nums.length) {
            result.add(List.copyOf(path));
            return;
        }
        for (int i = 0; i < nums.length; i++) {
            if (used[i]) {
                continue;
            }
            used[i] = true; // choose
            path.add(nums[i]);
            explore(nums, used, path, result);
            path.remove(path.size() - 1); // un-choose, in the reverse order
            used[i] = false;
        }
    }
    // --8<-- [end:optimal]

    public static void main(String[] args) {
        // --8<-- [start:demo]
        System.out.println(permutations(new int[] {1, 2, 3}));
        //> [[1, 2, 3], [1, 3, 2], [2, 1, 3], [2, 3, 1], [3, 1, 2], [3, 2, 1]]
        try {
            permutations(new int[] {2, 2});
        } catch (IllegalArgumentException e) {
            System.out.println(e.getMessage());
            //> values must be distinct, 2 repeats
        }
        // --8<-- [end:demo]
    }
}
