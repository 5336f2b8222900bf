"""Prefix queries on a sorted list with bisect: no trie needed when the words do not change."""

from __future__ import annotations

from bisect import bisect_left

# --8<-- [start:bisect]
HIGH = chr(0x10FFFF)  # the largest code point; assumed absent from the words


def words_with_prefix_sorted(sorted_words: list[str], prefix: str) -> list[str]:
    """Every word in sorted_words that starts with prefix, in O(L log n + k).

    A word starting with prefix sorts at or after prefix and before
    prefix + HIGH, and no other word sorts between them.
    """
    first = bisect_left(sorted_words, prefix)
    end = bisect_left(sorted_words, prefix + HIGH)
    return sorted_words[first:end]


def count_prefix_sorted(sorted_words: list[str], prefix: str) -> int:
    """How many words start with prefix: two searches, no slice."""
    return bisect_left(sorted_words, prefix + HIGH) - bisect_left(sorted_words, prefix)


# --8<-- [end:bisect]


if __name__ == "__main__":
    # --8<-- [start:demo]
    words = sorted(["car", "cart", "care", "cat", "dog", "ca"])
    print(words_with_prefix_sorted(words, "car"))
    #> ['car', 'care', 'cart']
    print(words_with_prefix_sorted(words, "ca"), count_prefix_sorted(words, "d"))
    #> ['ca', 'car', 'care', 'cart', 'cat'] 1
    print(words_with_prefix_sorted(words, "cb"), words_with_prefix_sorted(words, ""))
    #> [] ['ca', 'car', 'care', 'cart', 'cat', 'dog']
    # --8<-- [end:demo]
