import java.util.HashMap;
import java.util.Map;

/** Subarray sum equals k: how many contiguous, non-empty runs of the array add up to k. */
public final class SubarraySum {
    private SubarraySum() {}

    // --8<-- [start:optimal]
    /**
     * Counts the subarrays summing to k, negatives allowed. O(n) time, O(n) space.
     *
     * <p>sum(nums[i..j)) == prefix[j] - prefix[i], so a run ending at j sums to k once for
     * every earlier prefix equal to prefix[j] - k. Invariant: before step j, seen counts
     * the prefix sums prefix[0..j-1]. Prefix sums are longs: n ints can overflow an int.
     */
    static long subarraySum(int[] nums, long k) {
        Map<Long, Long> seen = new HashMap<>();
        seen.put(0L, 1L); // the empty prefix: runs that start at 0
        long prefix = 0;
        long count = 0;
        for (int value : nums) {
            prefix += value;
            count += seen.getOrDefault(prefix - k, 0L); // look up first ...
            seen.merge(prefix, 1L, Long::sum); // ... then record, or k == 0 counts an empty run
        }
        return count;
    }
    // --8<-- [end:optimal]

    // --8<-- [start:brute]
    /** Every start, with a running sum per start. O(n^2) time, O(1) space. */
    static long subarraySumBruteForce(int[] nums, long k) {
        long count = 0;
        for (int start = 0; start < nums.length; start++) {
            long total = 0;
            for (int end = start; end < nums.length; end++) {
                total += nums[end];
                if (total == k) {
                    count++;
                }
            }
        }
        return count;
    }
    // --8<-- [end:brute]

    public static void main(String[] args) {
        // --8<-- [start:demo]
        int[] nums = {3, 4, -7, 3, 1, 3, 1, -4};
        System.out.println(subarraySum(nums, 7) + " " + subarraySumBruteForce(nums, 7));
        //> 3 3
        System.out.println(subarraySum(new int[] {0, 0}, 0)); // [0], [0] and [0, 0]
        //> 3
        // --8<-- [end:demo]
    }
}
