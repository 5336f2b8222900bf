import java.util.function.IntPredicate;

/** Search for a target in a sorted array of distinct values rotated at an unknown point. */
public final class RotatedSearch {
    private RotatedSearch() {}

    /**
     * The smallest i in [lo, hi) with predicate(i) true, or hi if there is none.
     * predicate must be monotonic on [lo, hi): false, ..., false, true, ..., true.
     */
    static int firstTrue(int lo, int hi, IntPredicate predicate) {
        while (lo < hi) {
            int mid = lo + (hi - lo) / 2; // lo <= mid < hi: both branches shrink the range
            if (predicate.test(mid)) {
                hi = mid; // mid is true, so the first true is at mid or to its left
            } else {
                lo = mid + 1; // mid is false, and so is everything left of it
            }
        }
        return lo;
    }

    /**
     * Index of the smallest value: every value of the rotated-away prefix is greater
     * than the last value, every value from the minimum on is at most the last.
     */
    static int rotationPoint(int[] nums) {
        int last = nums[nums.length - 1];
        return firstTrue(0, nums.length - 1, i -> nums[i] <= last);
    }

    // --8<-- [start:optimal]
    /** Index of target in a rotated sorted array of distinct values, or -1. O(log n). */
    static int searchRotated(int[] nums, int target) {
        if (nums.length == 0) {
            return -1;
        }
        int pivot = rotationPoint(nums); // nums[pivot..] and nums[..pivot) are each sorted
        int lo = 0;
        int hi = pivot; // the left run holds every value above the last one
        if (target <= nums[nums.length - 1]) {
            lo = pivot; // the target can only be in the right run
            hi = nums.length;
        }
        int i = firstTrue(lo, hi, j -> nums[j] >= target);
        return i < hi && nums[i] == target ? i : -1;
    }
    // --8<-- [end:optimal]

    public static void main(String[] args) {
        // --8<-- [start:demo]
        System.out.println(searchRotated(new int[] {4, 5, 6, 7, 0, 1, 2}, 0));
        //> 4
        System.out.println(searchRotated(new int[] {4, 5, 6, 7, 0, 1, 2}, 3));
        //> -1
        // --8<-- [end:demo]
    }
}
