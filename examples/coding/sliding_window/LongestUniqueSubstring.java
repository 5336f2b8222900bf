import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Length of the longest substring with no repeated character. */
public final class LongestUniqueSubstring {
    private LongestUniqueSubstring() {}

    // --8<-- [start:optimal]
    /**
     * Jumps left past the last copy of the repeated character. O(n) time; O(m) space
     * for m distinct characters. left never moves back: a last-seen index left of the
     * window is stale and ignored. Characters are code points, not UTF-16 units.
     */
    static int longestUniqueSubstring(String text) {
        int[] chars = text.codePoints().toArray();
        Map<Integer, Integer> lastSeen = new HashMap<>();
        int left = 0;
        int best = 0;
        for (int right = 0; right < chars.length; right++) {
            Integer at = lastSeen.put(chars[right], right);
            if (at != null && at >= left) { // repeat inside the window
                left = at + 1;
            }
            best = Math.max(best, right - left + 1);
        }
        return best;
    }
    // --8<-- [end:optimal]

    // --8<-- [start:set]
    /**
     * Grows right and, while the new character is already in the set, shrinks left.
     * O(n) time: each index enters the set once and leaves it at most once.
     */
    static int longestUniqueSubstringWithSet(String text) {
        int[] chars = text.codePoints().toArray();
        Set<Integer> window = new HashSet<>();
        int left = 0;
        int best = 0;
        for (int right = 0; right < chars.length; right++) {
            while (!window.add(chars[right])) {
                window.remove(chars[left++]);
            }
            best = Math.max(best, right - left + 1);
        }
        return best;
    }
    // --8<-- [end:set]

    // --8<-- [start:brute]
    /**
     * Extends from every start until a repeat: O(n * m) time, O(m) space. Each start
     * reads at most m + 1 characters.
     */
    static int longestUniqueSubstringBruteForce(String text) {
        int[] chars = text.codePoints().toArray();
        int best = 0;
        for (int start = 0; start < chars.length; start++) {
            Set<Integer> seen = new HashSet<>();
            for (int end = start; end < chars.length && seen.add(chars[end]); end++) {
                best = Math.max(best, seen.size());
            }
        }
        return best;
    }
    // --8<-- [end:brute]

    public static void main(String[] args) {
        // --8<-- [start:demo]
        for (String text : new String[] {"abcabcbb", "abba", "pwwkew", ""}) {
            System.out.printf("\"%s\" %d%n", text, longestUniqueSubstring(text));
            //> "abcabcbb" 3
            //> "abba" 2
            //> "pwwkew" 3
            //> "" 0
        }
        // --8<-- [end:demo]
    }
}
