import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Three sum: every distinct triplet that sums to zero, by sorting and two pointers. */
public final class ThreeSum {
    private ThreeSum() {}

    // --8<-- [start:optimal]
    /**
     * Every distinct triplet [a, b, c], a <= b <= c, with a + b + c == 0. Each triplet
     * appears once, however often its values repeat in the input. The input is not
     * changed (the method sorts a copy). Time O(n^2), space O(n) for the sorted copy.
     */
    static List<List<Integer>> threeSum(int[] numbers) {
        int[] values = numbers.clone();
        Arrays.sort(values);
        List<List<Integer>> triplets = new ArrayList<>();
        for (int first = 0; first < values.length - 2; first++) {
            if (first > 0 && values[first] == values[first - 1]) {
                continue; // this first value already produced all its triplets
            }
            if (values[first] > 0) {
                break; // three values >= a positive one cannot sum to zero
            }
            int left = first + 1;
            int right = values.length - 1;
            while (left < right) {
                long total = (long) values[first] + values[left] + values[right]; // a long: no overflow
                if (total < 0) {
                    left++;
                } else if (total > 0) {
                    right--;
                } else {
                    triplets.add(List.of(values[first], values[left], values[right]));
                    left++;
                    right--;
                    // Skip repeats of the pair just used; left < right guards the index.
                    while (left < right && values[left] == values[left - 1]) {
                        left++;
                    }
                }
            }
        }
        return triplets;
    }
    // --8<-- [end:optimal]

    public static void main(String[] args) {
        // --8<-- [start:demo]
        System.out.println(threeSum(new int[] {-1, 0, 1, 2, -1, -4}));
        //> [[-1, -1, 2], [-1, 0, 1]]
        System.out.println(threeSum(new int[] {0, 0, 0, 0}));
        //> [[0, 0, 0]]
        System.out.println(threeSum(new int[] {-2, 0, 0, 2, 2}));
        //> [[-2, 0, 2]]
        // --8<-- [end:demo]
    }
}
