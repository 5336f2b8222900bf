"""The backtracking template: choose, explore, un-choose.

`backtrack` walks a tree of partial answers depth first. A node is a path
(the choices made so far); its children are the choices still allowed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

T = TypeVar("T")


# --8<-- [start:backtrack]
def backtrack(
    choices: Callable[[list[T]], Iterable[T]],
    is_answer: Callable[[list[T]], bool],
) -> list[list[T]]:
    """Every path of choices that is_answer accepts, in depth-first order.

    choices(path) lists the choices allowed after `path` (nothing at a leaf,
    and nothing on a branch that cannot lead to an answer: that is pruning).
    is_answer(path) says whether `path` itself is an answer to record.
    Time: the number of nodes visited times the cost of choices and is_answer,
    plus O(len(path)) to copy each answer. Extra space: O(depth) besides the output.
    """
    answers: list[list[T]] = []
    path: list[T] = []

    def explore() -> None:
        # Invariant: explore() returns with `path` exactly as it found it.
        if is_answer(path):
            answers.append(path.copy())  # a copy: `path` keeps changing
        for choice in list(choices(path)):
            path.append(choice)  # choose
            explore()  # explore
            path.pop()  # un-choose

    explore()
    return answers


# --8<-- [end:backtrack]


if __name__ == "__main__":
    # --8<-- [start:demo]
    # Subsets of three items: choose indices in increasing order.
    items = ["a", "b", "c"]
    picks = backtrack(
        choices=lambda path: range(path[-1] + 1 if path else 0, len(items)),
        is_answer=lambda path: True,
    )
    print(["".join(items[i] for i in pick) for pick in picks])
    #> ['', 'a', 'ab', 'abc', 'ac', 'b', 'bc', 'c']

    # Permutations: any letter not used yet; an answer uses them all.
    letters = "xyz"
    orders = backtrack(
        choices=lambda path: [c for c in letters if c not in path],
        is_answer=lambda path: len(path) == len(letters),
    )
    print(["".join(order) for order in orders])
    #> ['xyz', 'xzy', 'yxz', 'yzx', 'zxy', 'zyx']
    # --8<-- [end:demo]
