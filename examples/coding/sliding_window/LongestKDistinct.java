import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Length of the longest substring with at most k distinct characters. */
public final class LongestKDistinct {
    private LongestKDistinct() {}

    // --8<-- [start:optimal]
    /**
     * Grows right and, while more than k distinct characters are inside, shrinks left.
     * O(n) time, O(k) space: the map never holds more than k + 1 keys. Characters are
     * code points, not UTF-16 units.
     */
    static int longestKDistinct(String text, int k) {
        if (k < 0) {
            throw new IllegalArgumentException("k must be at least 0, got " + k);
        }
        int[] chars = text.codePoints().toArray();
        Map<Integer, Integer> counts = new HashMap<>();
        int left = 0;
        int best = 0;
        for (int right = 0; right < chars.length; right++) {
            counts.merge(chars[right], 1, Integer::sum);
            while (counts.size() > k) {
                // merge removes the key when the count reaches 0: a zero would still count in size()
                counts.merge(chars[left], -1, (count, minus) -> count + minus == 0 ? null : count + minus);
                left++;
            }
            best = Math.max(best, right - left + 1);
        }
        return best;
    }
    // --8<-- [end:optimal]

    // --8<-- [start:brute]
    /** Extends from every start while at most k characters are distinct: O(n^2) time. */
    static int longestKDistinctBruteForce(String text, int k) {
        if (k < 0) {
            throw new IllegalArgumentException("k must be at least 0, got " + k);
        }
        int[] chars = text.codePoints().toArray();
        int best = 0;
        for (int start = 0; start < chars.length; start++) {
            Set<Integer> seen = new HashSet<>();
            for (int end = start; end < chars.length; end++) {
                seen.add(chars[end]);
                if (seen.size() > k) {
                    break;
                }
                best = Math.max(best, end - start + 1);
            }
        }
        return best;
    }
    // --8<-- [end:brute]

    public static void main(String[] args) {
        System.out.println(longestKDistinct("eceba", 2));
        //> 3
        System.out.println(longestKDistinct("aabbcc", 1));
        //> 2
        System.out.println(longestKDistinctBruteForce("aabbcc", 1));
        //> 2
        try {
            longestKDistinct("abc", -1);
        } catch (IllegalArgumentException e) {
            System.out.println(e.getMessage());
            //> k must be at least 0, got -1
        }
    }
}
