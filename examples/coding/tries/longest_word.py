"""Practice: the longest word that can be built one character at a time."""

from __future__ import annotations

from examples.coding.tries.trie import Trie


# --8<-- [start:optimal]
def longest_buildable(words: list[str]) -> str:
    """The longest word whose every prefix is also in words; on a tie, the
    smallest. "" if none. Time and space O(S) for S characters in all.
    """
    trie = Trie()
    for word in words:
        trie.insert(word)
    best = ""
    stack = [("", trie.root)]  # only nodes where a word ends are entered
    while stack:
        spelled, node = stack.pop()
        if len(spelled) > len(best) or (len(spelled) == len(best) and spelled < best):
            best = spelled
        for char, child in node.children.items():
            if child.is_end:
                stack.append((spelled + char, child))
    return best


# --8<-- [end:optimal]


def longest_buildable_brute_force(words: list[str]) -> str:
    """Check every prefix of every word against a set. Time O(S * L)."""
    stored = set(words)
    buildable = [w for w in stored if all(w[:i] in stored for i in range(1, len(w)))]
    return min(buildable, key=lambda w: (-len(w), w), default="")


if __name__ == "__main__":
    # --8<-- [start:demo]
    print(longest_buildable(["b", "be", "bee", "beer", "beers", "a", "ap", "apply"]))
    #> beers
    print(repr(longest_buildable(["ab", "abc"])))  # no "a", so nothing builds
    #> ''
    # --8<-- [end:demo]
