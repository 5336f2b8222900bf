import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A set of strings with prefix queries, each O(L) for a string of length L.
 *
 * <p>Invariant: for the node reached by spelling prefix P from the root, node.count is the
 * number of stored words that start with P, and node.isEnd says whether P itself is
 * stored. Neither depends on how many other words are stored, so no operation does
 * either. Characters are code points, not UTF-16 units.
 */
public final class Trie {
    // --8<-- [start:node]
    /** One node. The path of edge labels from the root to it spells a prefix. */
    private static final class TrieNode {
        final TreeMap<Integer, TrieNode> children = new TreeMap<>(); // any character; sorted for listing
        boolean isEnd; // a stored word ends exactly here
        int count; // how many stored words start with this node's prefix
    }
    // --8<-- [end:node]

    private final TrieNode root = new TrieNode();

    // --8<-- [start:walk]
    /** The node that spells prefix, or null: one map lookup per character. */
    private TrieNode walk(String prefix) {
        TrieNode node = root;
        for (int ch : prefix.codePoints().toArray()) {
            node = node.children.get(ch);
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    /** Stores word (again is a no-op). Time O(L), space O(L) new nodes at most. */
    public void insert(String word) {
        if (search(word)) {
            return; // counts must not go up twice for one word
        }
        TrieNode node = root;
        node.count++;
        for (int ch : word.codePoints().toArray()) {
            node = node.children.computeIfAbsent(ch, key -> new TrieNode());
            node.count++;
        }
        node.isEnd = true; // the node of the LAST character, after the loop
    }
    // --8<-- [end:walk]

    // --8<-- [start:queries]
    /** Is word itself stored? A stored longer word does not count. */
    public boolean search(String word) {
        TrieNode node = walk(word);
        return node != null && node.isEnd;
    }

    /** Does any stored word start with prefix? */
    public boolean startsWith(String prefix) {
        return countPrefix(prefix) > 0;
    }

    /** How many stored words start with prefix. */
    public int countPrefix(String prefix) {
        TrieNode node = walk(prefix);
        return node == null ? 0 : node.count;
    }
    // --8<-- [end:queries]

    private record Spelled(String prefix, TrieNode node) {}

    /** Every stored word that starts with prefix, in sorted order (by code point). */
    public List<String> wordsWithPrefix(String prefix) {
        List<String> found = new ArrayList<>();
        TrieNode start = walk(prefix);
        if (start == null) {
            return found;
        }
        Deque<Spelled> stack = new ArrayDeque<>(); // an explicit stack: no recursion depth to hit
        stack.push(new Spelled(prefix, start));
        while (!stack.isEmpty()) {
            Spelled here = stack.pop();
            if (here.node().isEnd) {
                found.add(here.prefix()); // a word sorts before its extensions
            }
            for (Map.Entry<Integer, TrieNode> child : here.node().children.descendingMap().entrySet()) {
                // largest pushed first: smallest on top
                stack.push(new Spelled(here.prefix() + Character.toString(child.getKey()), child.getValue()));
            }
        }
        return found;
    }

    // --8<-- [start:delete]
    /** Removes word; false if it was not stored. Drops branches left empty. */
    public boolean delete(String word) {
        if (!search(word)) {
            return false;
        }
        TrieNode node = root;
        node.count--;
        for (int ch : word.codePoints().toArray()) {
            TrieNode child = node.children.get(ch);
            if (--child.count == 0) { // no stored word below: unlink the branch
                node.children.remove(ch);
                return true;
            }
            node = child;
        }
        node.isEnd = false; // a longer word still passes through here
        return true;
    }
    // --8<-- [end:delete]

    public static void main(String[] args) {
        // --8<-- [start:demo]
        Trie trie = new Trie();
        for (String word : List.of("car", "cart", "care", "dog")) {
            trie.insert(word);
        }
        System.out.println(trie.search("car") + " " + trie.search("ca") + " " + trie.startsWith("ca"));
        //> true false true
        System.out.println(trie.countPrefix("car") + " " + trie.wordsWithPrefix("car"));
        //> 3 [car, care, cart]
        // --8<-- [end:demo]
        // --8<-- [start:demo_delete]
        System.out.println(trie.delete("car") + " " + trie.search("car") + " " + trie.countPrefix("car"));
        //> true false 2
        trie.delete("dog"); // "dog" was the only word under "d"
        System.out.println(trie.wordsWithPrefix("") + " " + trie.startsWith("d"));
        //> [care, cart] false
        // --8<-- [end:demo_delete]
    }
}
