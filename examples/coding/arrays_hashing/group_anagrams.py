"""Group anagrams: put words that use the same letters, the same number of times, together."""

from collections import defaultdict

ALPHABET_SIZE = 26


# --8<-- [start:count_key]
def letter_counts(word: str) -> tuple[int, ...]:
    """The word's letter counts, a-z, as a hashable key. O(k) for a word of length k."""
    counts = [0] * ALPHABET_SIZE
    for char in word:
        index = ord(char) - ord("a")
        if not 0 <= index < ALPHABET_SIZE:
            raise ValueError(
                f"only lowercase a-z are supported, got {char!r} in {word!r}"
            )
        counts[index] += 1
    return tuple(counts)  # a list is unhashable; a tuple of ints is a fine key


def group_anagrams(words: list[str]) -> list[list[str]]:
    """Groups in order of first appearance. O(n * k) time, O(n * k) space."""
    groups: defaultdict[tuple[int, ...], list[str]] = defaultdict(list)
    for word in words:
        groups[letter_counts(word)].append(word)
    return list(groups.values())


# --8<-- [end:count_key]


# --8<-- [start:sorted_key]
def group_anagrams_sorted_key(words: list[str]) -> list[list[str]]:
    """Any alphabet at all: the key is the word's letters, sorted. O(n * k log k)."""
    groups: defaultdict[str, list[str]] = defaultdict(list)
    for word in words:
        groups["".join(sorted(word))].append(word)
    return list(groups.values())


# --8<-- [end:sorted_key]


# --8<-- [start:brute]
def group_anagrams_brute_force(words: list[str]) -> list[list[str]]:
    """Compare each word with one member of every group so far. O(n^2 * k log k)."""
    groups: list[list[str]] = []
    for word in words:
        for group in groups:
            if sorted(group[0]) == sorted(word):
                group.append(word)
                break
        else:  # no group matched: start one
            groups.append([word])
    return groups


# --8<-- [end:brute]


if __name__ == "__main__":
    # --8<-- [start:demo]
    words = ["tea", "eat", "tan", "ate", "nat", "bat"]
    print(group_anagrams(words))
    #> [['tea', 'eat', 'ate'], ['tan', 'nat'], ['bat']]
    print(group_anagrams_sorted_key(["née", "één", "éen"]))
    #> [['née', 'éen'], ['één']]
    try:
        group_anagrams(["née"])
    except ValueError as error:
        print(error)
        #> only lowercase a-z are supported, got 'é' in 'née'
    print(letter_counts("aab")[:3])
    #> (2, 1, 0)
    # --8<-- [end:demo]
