"""Replace each word of a sentence with the shortest root it starts with."""

from __future__ import annotations

from examples.coding.tries.trie import Trie


def _check_roots(roots: list[str]) -> None:
    if any(not root for root in roots):
        raise ValueError("an empty root would replace every word with nothing")


# --8<-- [start:optimal]
def replace_words(roots: list[str], sentence: str) -> str:
    """Words are separated by single spaces. Time O(R + S) for R characters
    of roots and S of sentence; space O(R) for the trie.
    """
    _check_roots(roots)
    trie = Trie()
    for root in roots:
        trie.insert(root)

    def shortest_root(word: str) -> str:
        node = trie.root
        for length, char in enumerate(word, start=1):
            node = node.children.get(char)
            if node is None:
                return word  # no root is a prefix of this word
            if node.is_end:
                return word[:length]  # the first root met is the shortest
        return word

    return " ".join(shortest_root(word) for word in sentence.split(" "))


# --8<-- [end:optimal]


# --8<-- [start:brute_force]
def replace_words_brute_force(roots: list[str], sentence: str) -> str:
    """Try every root on every word. Time O(W * R) for W words."""
    _check_roots(roots)

    def shortest_root(word: str) -> str:
        matches = [root for root in roots if word.startswith(root)]
        return min(matches, key=len) if matches else word

    return " ".join(shortest_root(word) for word in sentence.split(" "))


# --8<-- [end:brute_force]


if __name__ == "__main__":
    # --8<-- [start:demo]
    roots = ["cat", "bat", "rat", "ca"]
    print(replace_words(roots, "the cattle was rattled by the battery"))
    #> the ca was rat by the bat
    # --8<-- [end:demo]
