"""Practice: a word dictionary whose search accepts "." for any one character."""

from __future__ import annotations

from examples.coding.tries.trie import TrieNode


# --8<-- [start:optimal]
class WordDictionary:
    """add_word O(L); search O(L) without dots, up to O(nodes) with them."""

    def __init__(self) -> None:
        self.root = TrieNode()

    def add_word(self, word: str) -> None:
        node = self.root
        for char in word:
            node = node.children.setdefault(char, TrieNode())
        node.is_end = True

    def search(self, pattern: str) -> bool:
        """Is a stored word exactly len(pattern) long, matching "." anywhere?"""
        frontier = [self.root]  # every node the pattern so far can reach
        for char in pattern:
            if char == ".":
                frontier = [c for node in frontier for c in node.children.values()]
            else:
                frontier = [
                    node.children[char] for node in frontier if char in node.children
                ]
            if not frontier:
                return False
        return any(node.is_end for node in frontier)


# --8<-- [end:optimal]


class WordDictionaryBruteForce:
    """Compare the pattern with every stored word: O(n * L) per search."""

    def __init__(self) -> None:
        self.words: set[str] = set()

    def add_word(self, word: str) -> None:
        self.words.add(word)

    def search(self, pattern: str) -> bool:
        return any(
            len(word) == len(pattern)
            and all(p in (".", w) for p, w in zip(pattern, word, strict=True))
            for word in self.words
        )


if __name__ == "__main__":
    # --8<-- [start:demo]
    words = WordDictionary()
    for word in ["bad", "dad", "mad"]:
        words.add_word(word)
    print(
        words.search("pad"),
        words.search(".ad"),
        words.search("b.."),
        words.search("b."),
    )
    #> False True True False
    # --8<-- [end:demo]
