import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Top k frequent elements: the k values that occur most often, most frequent first. */
public final class TopKFrequent {
    private TopKFrequent() {}

    // --8<-- [start:optimal]
    /**
     * Bucket sort by count: O(n) time and space, no heap and no comparison sort. Ties go
     * to the value seen first: a LinkedHashMap keeps first-insertion order, and so does
     * each bucket.
     */
    static List<Integer> topKFrequent(int[] nums, int k) {
        Map<Integer, Integer> counts = new LinkedHashMap<>();
        for (int num : nums) {
            counts.merge(num, 1, Integer::sum);
        }
        if (k < 0 || k > counts.size()) {
            throw new IllegalArgumentException(
                    "k must be between 0 and " + counts.size() + " distinct values, got " + k);
        }
        List<List<Integer>> buckets = new ArrayList<>(); // index = count
        for (int count = 0; count <= nums.length; count++) {
            buckets.add(new ArrayList<>());
        }
        counts.forEach((value, count) -> buckets.get(count).add(value));
        List<Integer> answer = new ArrayList<>();
        for (int count = nums.length; count >= 0; count--) { // highest count first
            for (int value : buckets.get(count)) {
                if (answer.size() == k) {
                    return answer;
                }
                answer.add(value);
            }
        }
        return answer;
    }
    // --8<-- [end:optimal]

    public static void main(String[] args) {
        System.out.println(topKFrequent(new int[] {1, 1, 1, 2, 2, 3}, 2));
        //> [1, 2]
    }
}
