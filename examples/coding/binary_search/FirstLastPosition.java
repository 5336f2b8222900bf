import java.util.Arrays;
import java.util.function.IntPredicate;

/** First and last position of a target in a sorted array: two binary searches. */
public final class FirstLastPosition {
    private FirstLastPosition() {}

    /** The smallest i in [lo, hi) with predicate(i) true, or hi; predicate must be monotonic. */
    static int firstTrue(int lo, int hi, IntPredicate predicate) {
        while (lo < hi) {
            int mid = lo + (hi - lo) / 2;
            if (predicate.test(mid)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    // --8<-- [start:optimal]
    /** {first, last} index of target in sorted nums, or {-1, -1}. O(log n). */
    static int[] searchRange(int[] nums, int target) {
        int n = nums.length;
        int first = firstTrue(0, n, i -> nums[i] >= target);
        if (first == n || nums[first] != target) { // check first < n before reading
            return new int[] {-1, -1};
        }
        int afterLast = firstTrue(first, n, i -> nums[i] > target);
        return new int[] {first, afterLast - 1};
    }
    // --8<-- [end:optimal]

    public static void main(String[] args) {
        int[] nums = {5, 7, 7, 8, 8, 10};
        System.out.println(Arrays.toString(searchRange(nums, 8)) + " " + Arrays.toString(searchRange(nums, 6)));
        //> [3, 4] [-1, -1]
    }
}
