import java.util.HashMap;
import java.util.Map;

/** Minimum window substring: the shortest window of a text that holds every character of a pattern. */
public final class MinWindowSubstring {
    private MinWindowSubstring() {}

    // --8<-- [start:optimal]
    /**
     * The leftmost shortest window covering pattern; "" if none does (or pattern is "").
     *
     * <p>O(n + m) time, O(m + s) space for s distinct characters in text: need counts what
     * the window still lacks per character (negative means spare copies, so every text
     * character gets an entry); missing is how many characters of pattern are not yet
     * covered, so "is it valid?" costs O(1). Characters are code points.
     */
    static String minWindow(String text, String pattern) {
        if (pattern.isEmpty()) {
            return "";
        }
        int[] chars = text.codePoints().toArray();
        Map<Integer, Integer> need = new HashMap<>();
        int missing = 0;
        for (int ch : pattern.codePoints().toArray()) {
            need.merge(ch, 1, Integer::sum);
            missing++;
        }
        int bestStart = 0;
        int bestLength = chars.length + 1;
        int left = 0;
        for (int right = 0; right < chars.length; right++) {
            if (need.getOrDefault(chars[right], 0) > 0) {
                missing--;
            }
            need.merge(chars[right], -1, Integer::sum);
            while (missing == 0) { // valid: record, then shrink to look for shorter
                if (right - left + 1 < bestLength) {
                    bestStart = left;
                    bestLength = right - left + 1;
                }
                if (need.merge(chars[left], 1, Integer::sum) > 0) { // we just gave up a needed copy
                    missing++;
                }
                left++;
            }
        }
        return bestLength > chars.length ? "" : new String(chars, bestStart, bestLength);
    }
    // --8<-- [end:optimal]

    public static void main(String[] args) {
        System.out.println(minWindow("ADOBECODEBANC", "ABC"));
        //> BANC
        System.out.println("\"" + minWindow("a", "aa") + "\""); // one a cannot cover two
        //> ""
    }
}
