/** Where a target is, or where it would go, in a sorted array. */
public final class SearchInsert {
    private SearchInsert() {}

    // --8<-- [start:optimal]
    /**
     * Index of target in sorted nums, or where inserting it keeps nums sorted: the first
     * index whose value is >= target. O(log n).
     */
    static int searchInsert(int[] nums, int target) {
        int lo = 0;
        int hi = nums.length;
        // Invariant: nums[..lo) < target and nums[hi..] >= target.
        while (lo < hi) {
            int mid = lo + (hi - lo) / 2; // (lo + hi) / 2 could overflow
            if (nums[mid] >= target) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
    // --8<-- [end:optimal]

    public static void main(String[] args) {
        int[] nums = {1, 3, 5, 6};
        System.out.println(searchInsert(nums, 5) + " " + searchInsert(nums, 2) + " " + searchInsert(nums, 7));
        //> 2 1 4
    }
}
