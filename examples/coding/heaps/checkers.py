"""Checkers for problems with several right answers (named in case files)."""

from __future__ import annotations

import json
from collections import Counter
from itertools import pairwise
from typing import Any


def valid_reorganization(expected: Any, actual: Any, args: list[Any]) -> str | None:
    """Right if actual uses exactly text's letters with no equal neighbors.

    expected is "" when no arrangement exists and any one valid answer
    otherwise; only its emptiness is used.
    """
    text = args[0]
    if not isinstance(actual, str):
        return f"expected a string, got {json.dumps(actual)}"
    if expected == "":
        return None if actual == "" else f"no arrangement exists, got {actual!r}"
    if Counter(actual) != Counter(text):
        return f"{actual!r} does not use exactly the letters of {text!r}"
    for a, b in pairwise(actual):
        if a == b:
            return f"{actual!r} puts two {a!r} side by side"
    return None
