"""Longest common prefix of a list of strings: a vertical scan, or a trie."""

from __future__ import annotations

from examples.coding.tries.trie import Trie


# --8<-- [start:optimal]
def longest_common_prefix(words: list[str]) -> str:
    """Compare column i of every word before moving to column i + 1.

    Stops at the first mismatch or the end of the shortest word.
    Time O(S) for S characters in all, space O(1). No words: "".
    """
    if not words:
        return ""
    first = words[0]
    for i, char in enumerate(first):
        for other in words[1:]:
            if i == len(other) or other[i] != char:
                return first[:i]
    return first


# --8<-- [end:optimal]


# --8<-- [start:trie]
def longest_common_prefix_trie(words: list[str]) -> str:
    """Insert every word, then walk down while the path does not branch.

    Time O(S), space O(S) for the nodes.
    """
    if not words:
        return ""
    trie = Trie()
    for word in words:
        trie.insert(word)
    node, prefix = trie.root, []
    while len(node.children) == 1 and not node.is_end:  # a word ending stops it
        ((char, node),) = node.children.items()
        prefix.append(char)
    return "".join(prefix)


# --8<-- [end:trie]


if __name__ == "__main__":
    # --8<-- [start:demo]
    for words in (["flower", "flow", "flight"], ["interview", "internal"], ["a", ""]):
        print(
            repr(longest_common_prefix(words)), repr(longest_common_prefix_trie(words))
        )
        #> 'fl' 'fl'
        #> 'inter' 'inter'
        #> '' ''
    # --8<-- [end:demo]
