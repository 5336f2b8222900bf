/** How much rain an elevation map traps, with two pointers and O(1) space. */
public final class TrappingRainWater {
    private TrappingRainWater() {}

    private static void requireHeights(int[] heights) {
        for (int height : heights) {
            if (height < 0) {
                throw new IllegalArgumentException("heights must be zero or more");
            }
        }
    }

    // --8<-- [start:optimal]
    /**
     * Units of water held above the bars. Time O(n), space O(1). Water above a bar is
     * min(tallest to its left, tallest to its right) minus its height. Move the side
     * whose running maximum is lower: that maximum is the bar's limit, whatever lies
     * between the pointers.
     */
    static long trappedWater(int[] heights) {
        requireHeights(heights);
        long water = 0;
        int left = 0;
        int right = heights.length - 1;
        int leftMax = 0;
        int rightMax = 0;
        while (left <= right) { // every bar is settled once, so the meeting bar counts
            if (leftMax <= rightMax) {
                leftMax = Math.max(leftMax, heights[left]);
                water += leftMax - heights[left];
                left++;
            } else {
                rightMax = Math.max(rightMax, heights[right]);
                water += rightMax - heights[right];
                right--;
            }
        }
        return water;
    }
    // --8<-- [end:optimal]

    public static void main(String[] args) {
        System.out.println(trappedWater(new int[] {0, 1, 0, 2, 1, 0, 1, 3, 2, 1, 2, 1}));
        //> 6
    }
}
