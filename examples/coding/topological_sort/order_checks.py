"""Checkers for case files whose answer is any valid order.

A checker takes (expected, actual, args) and returns None when `actual` is
right, or one line saying why not (see handbook_build/cases/checkers.py).
`expected` is one valid answer, or the "no order" value: then `actual` must
be that value too.
"""

from __future__ import annotations

import json
from typing import Any


def order_problem(n: int, edges: list[list[int]], order: Any) -> str | None:
    """Why `order` is not a topological order of nodes 0..n-1, or None if it is."""
    if not isinstance(order, list) or sorted(order) != list(range(n)):
        return f"expected each of the nodes 0..{n - 1} once, got {json.dumps(order)}"
    position = {node: index for index, node in enumerate(order)}
    for before, after in edges:
        if position[before] > position[after]:
            return f"{json.dumps(order)} puts {after} before {before}"
    return None


def course_order(expected: Any, actual: Any, args: list[Any]) -> str | None:
    """For course_order(num_courses, prerequisites): [] exactly when there is a cycle."""
    num_courses, prerequisites = args
    if expected == [] and num_courses > 0:
        return (
            None if actual == [] else f"expected [] (a cycle), got {json.dumps(actual)}"
        )
    edges = [[prerequisite, course] for course, prerequisite in prerequisites]
    return order_problem(num_courses, edges, actual)


def alphabet(expected: Any, actual: Any, args: list[Any]) -> str | None:
    """For alien_order(words): the words are sorted under `actual`, or both are ""."""
    (words,) = args
    if expected == "":
        return None if actual == "" else f'expected "" (no alphabet), got {actual!r}'
    letters = {letter for word in words for letter in word}
    if (
        not isinstance(actual, str)
        or len(actual) != len(letters)
        or set(actual) != letters
    ):
        return f"expected each of {''.join(sorted(letters))!r} once, got {actual!r}"
    rank = {letter: index for index, letter in enumerate(actual)}
    keys = [[rank[letter] for letter in word] for word in words]
    for index in range(len(keys) - 1):
        if keys[index] > keys[index + 1]:
            return (
                f"under {actual!r}, {words[index]!r} sorts after {words[index + 1]!r}"
            )
    return None
