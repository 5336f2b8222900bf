/**
 * Longest strictly increasing subsequence: its length, in O(n^2) and in O(n log n). A
 * subsequence keeps the order of the input but may skip elements.
 */
public final class Lis {
    private Lis() {}

    // --8<-- [start:quadratic]
    /**
     * ending[i] is the longest increasing subsequence that ends at numbers[i].
     * Transition: 1 + the longest one ending at an earlier, smaller value.
     * Time O(n^2), space O(n).
     */
    static int lisLengthQuadratic(int[] numbers) {
        int[] ending = new int[numbers.length];
        int best = 0;
        for (int i = 0; i < numbers.length; i++) {
            ending[i] = 1;
            for (int j = 0; j < i; j++) {
                if (numbers[j] < numbers[i]) {
                    ending[i] = Math.max(ending[i], ending[j] + 1);
                }
            }
            best = Math.max(best, ending[i]);
        }
        return best;
    }
    // --8<-- [end:quadratic]

    // --8<-- [start:optimal]
    /**
     * Patience sorting: tails[k] is the smallest value that ends an increasing
     * subsequence of length k + 1 among the numbers seen so far. tails is strictly
     * increasing, so each number finds its place by binary search: it extends the
     * longest run it can, or lowers one tail. Time O(n log n), space O(n).
     */
    static int lisLength(int[] numbers) {
        int[] tails = new int[numbers.length];
        int size = 0; // tails[0..size) is in use
        for (int number : numbers) {
            int lo = 0;
            int hi = size;
            while (lo < hi) { // the first tail >= number
                int mid = lo + (hi - lo) / 2;
                if (tails[mid] >= number) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            tails[lo] = number; // lo == size: longer than every run so far; else a smaller ending
            if (lo == size) {
                size++;
            }
        }
        return size;
    }
    // --8<-- [end:optimal]

    public static void main(String[] args) {
        // --8<-- [start:demo]
        int[] numbers = {3, 4, 5, 1};
        System.out.println(lisLength(numbers) + " " + lisLengthQuadratic(numbers)); // 3, 4, 5
        //> 3 3
        System.out.println(lisLength(new int[] {5, 5, 5})); // strictly increasing: equal values do not chain
        //> 1
        System.out.println(lisLength(new int[] {10, 9, 2, 5, 3, 7, 101, 18})); // 2, 3, 7, 18 (or 2, 5, 7, 101)
        //> 4
        // --8<-- [end:demo]
    }
}
