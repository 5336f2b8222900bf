/** Container with most water: two lines and the x-axis hold the most water. */
public final class ContainerWater {
    private ContainerWater() {}

    private static void requireHeights(int[] heights) {
        for (int height : heights) {
            if (height < 0) {
                throw new IllegalArgumentException("heights must be zero or more");
            }
        }
    }

    // --8<-- [start:optimal]
    /**
     * The most water two lines can hold: max of (j - i) * min(h[i], h[j]). Fewer than
     * two lines hold nothing (0). Time O(n), space O(1). A long: width times height
     * can pass 2^31 - 1.
     */
    static long maxArea(int[] heights) {
        requireHeights(heights);
        long best = 0;
        int left = 0;
        int right = heights.length - 1;
        while (left < right) {
            long width = right - left;
            if (heights[left] <= heights[right]) {
                // Every container that keeps left and moves right inward is
                // narrower and no taller than heights[left]: none beats this one.
                best = Math.max(best, width * heights[left]);
                left++;
            } else {
                best = Math.max(best, width * heights[right]);
                right--;
            }
        }
        return best;
    }
    // --8<-- [end:optimal]

    public static void main(String[] args) {
        // --8<-- [start:demo]
        System.out.println(maxArea(new int[] {1, 8, 6, 2, 5, 4, 8, 3, 7}));
        //> 49
        System.out.println(maxArea(new int[] {4, 3, 2, 1, 4}));
        //> 16
        System.out.println(maxArea(new int[] {5}));
        //> 0
        // --8<-- [end:demo]
    }
}
