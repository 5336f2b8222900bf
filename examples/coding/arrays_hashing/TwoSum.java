import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Two sum: the indices of two different entries that add up to a target. */
public final class TwoSum {
    private TwoSum() {}

    // --8<-- [start:optimal]
    /**
     * Indices {i, j}, i < j, with nums[i] + nums[j] == target, or empty. O(n) time and space.
     * Looking up before storing means nums[j] never pairs with itself.
     */
    static Optional<int[]> twoSum(int[] nums, int target) {
        Map<Integer, Integer> firstIndex = new HashMap<>();
        for (int j = 0; j < nums.length; j++) {
            Integer i = firstIndex.get(target - nums[j]);
            if (i != null) {
                return Optional.of(new int[] {i, j});
            }
            firstIndex.putIfAbsent(nums[j], j); // keep the first index of a repeated value
        }
        return Optional.empty();
    }
    // --8<-- [end:optimal]

    public static void main(String[] args) {
        // --8<-- [start:demo]
        System.out.println(twoSum(new int[] {2, 7, 11, 15}, 9).map(Arrays::toString));
        //> Optional[[0, 1]]
        System.out.println(twoSum(new int[] {3, 5}, 6).map(Arrays::toString));
        //> Optional.empty
        // --8<-- [end:demo]
    }
}
