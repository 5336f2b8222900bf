"""Checkers for case files whose problems have many right answers.

A checker takes (expected, actual, args) and returns None when `actual` is
right, or one line saying why not (see handbook_build/cases/checkers.py).
`expected` is one right answer; only its length or count is compared.
"""

from __future__ import annotations

import json
from typing import Any


def is_subsequence(short: str, long: str) -> bool:
    """True if short's letters appear in long in order (not necessarily together)."""
    letters = iter(long)
    return all(letter in letters for letter in short)  # `in` advances the iterator


# --8<-- [start:common_subsequence]
def common_subsequence(expected: Any, actual: Any, args: list[Any]) -> str | None:
    """For longest_common_subsequence(a, b): a common subsequence, as long as expected."""
    a, b = args
    if not isinstance(actual, str):
        return f"expected a string, got {json.dumps(actual)}"
    if len(actual) != len(expected):
        return f"expected length {len(expected)} (as {expected!r}), got {actual!r}"
    for name, text in (("first", a), ("second", b)):
        if not is_subsequence(actual, text):
            return f"{actual!r} is not a subsequence of the {name} string {text!r}"
    return None


# --8<-- [end:common_subsequence]


def apply_operations(text: str, operations: Any) -> str:
    """The text after each edit in order; ValueError names a malformed edit."""
    letters = list(text)
    for number, edit in enumerate(
        operations if isinstance(operations, list) else [None]
    ):
        where = f"edit {number + 1} {json.dumps(edit)}"
        if not (isinstance(edit, list) and len(edit) == 3):
            raise ValueError(f"{where}: expected [kind, index, letter]")
        kind, index, letter = edit
        if not (
            isinstance(index, int) and isinstance(letter, str) and len(letter) == 1
        ):
            raise ValueError(f"{where}: expected an integer index and one letter")
        last = len(letters) if kind == "insert" else len(letters) - 1
        if not 0 <= index <= last:
            raise ValueError(f"{where}: index outside 0..{last}")
        if kind == "insert":
            letters.insert(index, letter)
        elif kind == "delete":
            if letters[index] != letter:
                raise ValueError(f"{where}: the letter there is {letters[index]!r}")
            del letters[index]
        elif kind == "substitute":
            if letters[index] == letter:
                raise ValueError(f"{where}: substituting a letter with itself")
            letters[index] = letter
        else:
            raise ValueError(f"{where}: unknown kind {kind!r}")
    return "".join(letters)


# --8<-- [start:edit_script]
def edit_script(expected: Any, actual: Any, args: list[Any]) -> str | None:
    """For edit_operations(a, b): the edits turn a into b, and there are as few as expected."""
    a, b = args
    try:
        result = apply_operations(a, actual)
    except ValueError as error:
        return str(error)
    if result != b:
        return f"the edits turn {a!r} into {result!r}, not {b!r}"
    if not isinstance(actual, list) or len(actual) != len(expected):
        return f"expected {len(expected)} edits (the distance), got {len(actual)}"
    return None


# --8<-- [end:edit_script]
