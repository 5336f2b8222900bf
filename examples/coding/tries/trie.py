"""A trie (prefix tree): a node is a dict of children, an end-of-word flag and a count."""

from __future__ import annotations


# --8<-- [start:node]
class TrieNode:
    """One node. The path of edge labels from the root to it spells a prefix."""

    __slots__ = ("children", "count", "is_end")

    def __init__(self) -> None:
        self.children: dict[str, TrieNode] = {}  # any character, not just a-z
        self.is_end = False  # a stored word ends exactly here
        self.count = 0  # how many stored words start with this node's prefix


# --8<-- [end:node]


class Trie:
    """A set of strings with prefix queries, each O(L) for a string of length L.

    Invariant: for the node reached by spelling prefix P from the root,
    node.count is the number of stored words that start with P, and
    node.is_end says whether P itself is stored. Neither depends on how many
    other words are stored, so no operation does either.
    """

    def __init__(self) -> None:
        self.root = TrieNode()

    # --8<-- [start:walk]
    def _walk(self, prefix: str) -> TrieNode | None:
        """The node that spells prefix, or None: one dict lookup per character."""
        node = self.root
        for char in prefix:
            node = node.children.get(char)
            if node is None:
                return None
        return node

    def insert(self, word: str) -> None:
        """Store word (again is a no-op). Time O(L), space O(L) new nodes at most."""
        if self.search(word):
            return  # counts must not go up twice for one word
        node = self.root
        node.count += 1
        for char in word:
            child = node.children.get(char)
            if child is None:
                child = node.children[char] = TrieNode()
            child.count += 1
            node = child
        node.is_end = True  # the node of the LAST character, after the loop

    # --8<-- [end:walk]

    # --8<-- [start:queries]
    def search(self, word: str) -> bool:
        """Is word itself stored? A stored longer word does not count."""
        node = self._walk(word)
        return node is not None and node.is_end

    def starts_with(self, prefix: str) -> bool:
        """Does any stored word start with prefix?"""
        return self.count_prefix(prefix) > 0

    def count_prefix(self, prefix: str) -> int:
        """How many stored words start with prefix."""
        node = self._walk(prefix)
        return 0 if node is None else node.count

    # --8<-- [end:queries]

    def words_with_prefix(self, prefix: str) -> list[str]:
        """Every stored word that starts with prefix, in sorted order."""
        start = self._walk(prefix)
        if start is None:
            return []
        found: list[str] = []
        stack = [(prefix, start)]  # an explicit stack: no recursion limit to hit
        while stack:
            spelled, node = stack.pop()
            if node.is_end:
                found.append(spelled)  # a word sorts before its extensions
            for char in sorted(node.children, reverse=True):  # smallest on top
                stack.append((spelled + char, node.children[char]))
        return found

    # --8<-- [start:delete]
    def delete(self, word: str) -> bool:
        """Remove word; False if it was not stored. Drops branches left empty."""
        if not self.search(word):
            return False
        node = self.root
        node.count -= 1
        for char in word:
            child = node.children[char]
            child.count -= 1
            if child.count == 0:  # no stored word below: unlink the branch
                del node.children[char]
                return True
            node = child
        node.is_end = False  # a longer word still passes through here
        return True

    # --8<-- [end:delete]


# --8<-- [start:brute_force]
class TrieBruteForce:
    """The same interface on a set: search O(L), prefix queries O(n * L)."""

    def __init__(self) -> None:
        self.words: set[str] = set()

    def insert(self, word: str) -> None:
        self.words.add(word)

    def search(self, word: str) -> bool:
        return word in self.words

    def starts_with(self, prefix: str) -> bool:
        return any(word.startswith(prefix) for word in self.words)

    def count_prefix(self, prefix: str) -> int:
        return sum(word.startswith(prefix) for word in self.words)

    def delete(self, word: str) -> bool:
        if word not in self.words:
            return False
        self.words.remove(word)
        return True


# --8<-- [end:brute_force]


if __name__ == "__main__":
    # --8<-- [start:demo]
    trie = Trie()
    for word in ["car", "cart", "care", "dog"]:
        trie.insert(word)
    print(trie.search("car"), trie.search("ca"), trie.starts_with("ca"))
    #> True False True
    print(trie.count_prefix("car"), trie.words_with_prefix("car"))
    #> 3 ['car', 'care', 'cart']
    # --8<-- [end:demo]
    # --8<-- [start:demo_delete]
    print(trie.delete("car"), trie.search("car"), trie.count_prefix("car"))
    #> True False 2
    trie.delete("dog")  # "dog" was the only word under "d"
    print(sorted(trie.root.children), trie.starts_with("d"))
    #> ['c'] False
    # --8<-- [end:demo_delete]
