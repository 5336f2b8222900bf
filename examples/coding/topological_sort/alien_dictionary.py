"""Alien dictionary: recover a letter order from a list of words sorted in it."""

from __future__ import annotations

from collections import deque
from itertools import pairwise, permutations

BRUTE_FORCE_LIMIT = 7  # distinct letters; 7! = 5,040 orders


# --8<-- [start:optimal]
def alien_order(words: list[str]) -> str:
    """Each letter of the words once, in an order that sorts `words`; "" if none.

    Adjacent words give at most one edge: their first differing letters.
    Time O(C), C the total length of the words: there are fewer edges than
    words. Space O(L + E) for L distinct letters and E edges.
    """
    # Dicts, not sets: a set of strings iterates in a different order per run.
    successors: dict[str, dict[str, None]] = {ch: {} for word in words for ch in word}
    in_degree = dict.fromkeys(successors, 0)
    for first, second in pairwise(words):
        for a, b in zip(first, second, strict=False):
            if a != b:
                if b not in successors[a]:  # a repeated edge must count once
                    successors[a][b] = None
                    in_degree[b] += 1
                break  # later letters say nothing about the order
        else:
            if len(first) > len(second):
                return (
                    ""  # "abc" before "ab": no alphabet sorts a word after its prefix
                )
    ready = deque(ch for ch in successors if in_degree[ch] == 0)
    order: list[str] = []
    while ready:
        letter = ready.popleft()
        order.append(letter)
        for after in successors[letter]:
            in_degree[after] -= 1
            if in_degree[after] == 0:
                ready.append(after)
    return "".join(order) if len(order) == len(successors) else ""


# --8<-- [end:optimal]


# --8<-- [start:brute_force]
def alien_order_brute_force(words: list[str]) -> str:
    """Try every ordering of the letters until one sorts the words: O(L! * C)."""
    letters = sorted({ch for word in words for ch in word})
    if len(letters) > BRUTE_FORCE_LIMIT:
        raise ValueError(f"brute force tries every order: {len(letters)} letters")
    for order in permutations(letters):
        rank = {letter: index for index, letter in enumerate(order)}
        keys = [[rank[ch] for ch in word] for word in words]
        if all(keys[i] <= keys[i + 1] for i in range(len(keys) - 1)):
            return "".join(order)
    return ""


# --8<-- [end:brute_force]


if __name__ == "__main__":
    # --8<-- [start:demo]
    print(repr(alien_order(["tac", "tao", "at", "cat", "oat"])))
    #> 'taco'
    print(repr(alien_order(["abc", "ab"])))  # a word before its own prefix
    #> ''
    print(repr(alien_order(["z", "x", "z"])))  # z < x and x < z
    #> ''
    # --8<-- [end:demo]
