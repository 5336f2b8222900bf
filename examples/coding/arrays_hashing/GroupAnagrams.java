import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Group anagrams: put words that use the same letters, the same number of times, together. */
public final class GroupAnagrams {
    private GroupAnagrams() {}

    private static final int ALPHABET_SIZE = 26;

    // --8<-- [start:count_key]
    /** The word's letter counts, a-z, as a key. O(k) for a word of length k. */
    static List<Integer> letterCounts(String word) {
        int[] counts = new int[ALPHABET_SIZE];
        for (char ch : word.toCharArray()) {
            int index = ch - 'a';
            if (index < 0 || index >= ALPHABET_SIZE) {
                throw new IllegalArgumentException("only lowercase a-z are supported, got '" + ch + "' in '" + word + "'");
            }
            counts[index]++;
        }
        // An int[] hashes by identity; a List<Integer> hashes and compares by its contents.
        return Arrays.stream(counts).boxed().toList();
    }

    /** Groups in order of first appearance. O(n * k) time, O(n * k) space. */
    static List<List<String>> groupAnagrams(List<String> words) {
        Map<List<Integer>, List<String>> groups = new LinkedHashMap<>(); // keeps first-appearance order
        for (String word : words) {
            groups.computeIfAbsent(letterCounts(word), key -> new ArrayList<>()).add(word);
        }
        return new ArrayList<>(groups.values());
    }
    // --8<-- [end:count_key]

    // --8<-- [start:sorted_key]
    /** Any alphabet at all: the key is the word's characters, sorted. O(n * k log k). */
    static List<List<String>> groupAnagramsSortedKey(List<String> words) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (String word : words) {
            int[] sorted = word.codePoints().sorted().toArray();
            groups.computeIfAbsent(new String(sorted, 0, sorted.length), key -> new ArrayList<>()).add(word);
        }
        return new ArrayList<>(groups.values());
    }
    // --8<-- [end:sorted_key]

    public static void main(String[] args) {
        // --8<-- [start:demo]
        List<String> words = List.of("tea", "eat", "tan", "ate", "nat", "bat");
        System.out.println(groupAnagrams(words));
        //> [[tea, eat, ate], [tan, nat], [bat]]
        System.out.println(groupAnagramsSortedKey(List.of("née", "één", "éen")));
        //> [[née, éen], [één]]
        try {
            groupAnagrams(List.of("née"));
        } catch (IllegalArgumentException e) {
            System.out.println(e.getMessage());
            //> only lowercase a-z are supported, got 'é' in 'née'
        }
        System.out.println(letterCounts("aab").subList(0, 3));
        //> [2, 1, 0]
        // --8<-- [end:demo]
    }
}
