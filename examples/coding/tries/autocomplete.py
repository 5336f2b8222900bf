"""Autocomplete: up to three suggestions for each prefix as it is typed."""

from __future__ import annotations

from bisect import bisect_left

LIMIT = 3


# --8<-- [start:optimal]
class _SuggestNode:
    __slots__ = ("children", "top")

    def __init__(self) -> None:
        self.children: dict[str, _SuggestNode] = {}
        self.top: list[str] = []  # the smallest LIMIT words below this node


def suggestions(products: list[str], typed: str) -> list[list[str]]:
    """For each prefix typed[:1], typed[:2], ...: the 3 smallest distinct
    products that start with it, in lexicographic order.

    Time O(n log n * L) to sort, O(total characters) to build, then O(1)
    per typed character. Space O(total characters).
    """
    root = _SuggestNode()
    for word in sorted(set(products)):  # ascending, so the first 3 seen win
        node = root
        for char in word:
            node = node.children.setdefault(char, _SuggestNode())
            if len(node.top) < LIMIT:
                node.top.append(word)
    answers: list[list[str]] = []
    at: _SuggestNode | None = root  # None once the prefix matches nothing
    for char in typed:
        at = at.children.get(char) if at is not None else None
        answers.append(list(at.top) if at is not None else [])
    return answers


# --8<-- [end:optimal]


# --8<-- [start:bisect]
def suggestions_bisect(products: list[str], typed: str) -> list[list[str]]:
    """The same answers from one sorted list: a binary search per prefix."""
    words = sorted(set(products))
    answers = []
    for length in range(1, len(typed) + 1):
        prefix = typed[:length]
        first = bisect_left(words, prefix)
        answers.append(
            [w for w in words[first : first + LIMIT] if w.startswith(prefix)]
        )
    return answers


# --8<-- [end:bisect]


# --8<-- [start:brute_force]
def suggestions_brute_force(products: list[str], typed: str) -> list[list[str]]:
    """Filter every product for every prefix. Time O(m * n * L)."""
    words = sorted(set(products))
    return [
        [word for word in words if word.startswith(typed[:length])][:LIMIT]
        for length in range(1, len(typed) + 1)
    ]


# --8<-- [end:brute_force]


if __name__ == "__main__":
    # --8<-- [start:demo]
    catalog = ["mouse", "monitor", "mousepad", "mobile", "moneypot", "mouse"]
    typed = "mousx"
    for length, found in enumerate(suggestions(catalog, typed), start=1):
        print(typed[:length], found)
        #> m ['mobile', 'moneypot', 'monitor']
        #> mo ['mobile', 'moneypot', 'monitor']
        #> mou ['mouse', 'mousepad']
        #> mous ['mouse', 'mousepad']
        #> mousx []
    # --8<-- [end:demo]
