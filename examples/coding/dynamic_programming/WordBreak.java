import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Word break: can a text be cut into pieces that are all dictionary words? Words may be
 * used any number of times. The state in words: can(i) is true when the first i
 * characters split into words. The transition: some word w ends at i, and
 * can(i - len(w)) is true. Base case: can(0), the empty prefix.
 */
public final class WordBreak {
    private WordBreak() {}

    // --8<-- [start:optimal]
    /**
     * True if text is a concatenation of words (repeats allowed). Only word lengths that
     * occur are tried at each end. Time O(n * L^2) for a longest word of L characters
     * (up to L lengths, each an O(L) substring and hash), space O(n + dictionary size).
     */
    static boolean wordBreak(String text, List<String> words) {
        if (words.contains("")) {
            throw new IllegalArgumentException("dictionary words must be non-empty");
        }
        Set<String> vocabulary = new HashSet<>(words);
        Set<Integer> lengths = new TreeSet<>(); // ascending, so the loop can stop early
        for (String word : vocabulary) {
            lengths.add(word.length());
        }
        boolean[] can = new boolean[text.length() + 1]; // can[i] for prefixes of length 0..n
        can[0] = true;
        for (int end = 1; end <= text.length(); end++) {
            for (int length : lengths) {
                if (length > end) {
                    break;
                }
                if (can[end - length] && vocabulary.contains(text.substring(end - length, end))) {
                    can[end] = true;
                    break;
                }
            }
        }
        return can[text.length()];
    }
    // --8<-- [end:optimal]

    public static void main(String[] args) {
        // --8<-- [start:demo]
        System.out.println(wordBreak("applepenapple", List.of("apple", "pen")));
        //> true
        System.out.println(wordBreak("catsandog", List.of("cats", "dog", "sand", "and", "cat")));
        //> false
        System.out.println(wordBreak("", List.of("a"))); // the empty text is zero words
        //> true
        // --8<-- [end:demo]
    }
}
