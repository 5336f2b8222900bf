"""Word break: can a text be cut into pieces that are all dictionary words?

Words may be used any number of times. The state in words: can(i) is true
when the first i characters split into words. The transition: some word w
ends at i, and can(i - len(w)) is true. Base case: can(0), the empty prefix.
"""

from __future__ import annotations


def _check(words: list[str]) -> None:
    if any(word == "" for word in words):
        raise ValueError("dictionary words must be non-empty")


# --8<-- [start:optimal]
def word_break(text: str, words: list[str]) -> bool:
    """True if `text` is a concatenation of words from `words` (repeats allowed).

    Only word lengths that occur are tried at each end. Time O(n * L^2) for a
    longest word of L characters (up to L lengths, each an O(L) slice and hash),
    space O(n + size of the dictionary).
    """
    _check(words)
    vocabulary = set(words)
    lengths = sorted({len(word) for word in vocabulary})
    can = [False] * (len(text) + 1)  # can[i] for prefixes of length 0..n
    can[0] = True
    for end in range(1, len(text) + 1):
        for length in lengths:
            if length > end:
                break
            if can[end - length] and text[end - length : end] in vocabulary:
                can[end] = True
                break
    return can[len(text)]


# --8<-- [end:optimal]


# --8<-- [start:brute_force]
def word_break_brute_force(text: str, words: list[str]) -> bool:
    """Plain recursion: try every first word, then split the rest.

    Up to 2^(n - 1) ways to cut the text, each call slicing up to n prefixes of
    up to n characters: O(2^n * n^2) time in the worst case, O(n) depth.
    """
    _check(words)
    vocabulary = set(words)

    def splits(start: int) -> bool:
        if start == len(text):
            return True
        return any(
            text[start:end] in vocabulary and splits(end)
            for end in range(start + 1, len(text) + 1)
        )

    return splits(0)


# --8<-- [end:brute_force]


if __name__ == "__main__":
    # --8<-- [start:demo]
    print(word_break("applepenapple", ["apple", "pen"]))
    #> True
    print(word_break("catsandog", ["cats", "dog", "sand", "and", "cat"]))
    #> False
    print(word_break("", ["a"]))  # the empty text is zero words
    #> True
    # --8<-- [end:demo]
