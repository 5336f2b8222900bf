"""How a case's actual output is compared with its expected one.

A checker takes (expected, actual, args) and returns None when the output is
right, or one line saying why it is wrong. The built-in ones cover problems
with one right answer (`exact`), answers in any order (`unordered`,
`unordered_deep`), floating-point answers (`approx`) and several right
answers listed in the case (`one_of`). A problem whose right answers cannot be
listed (any valid topological order, any shortest path) names its own checker
as `module.function`, a function in a module in the case file's folder.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

from handbook_build.cases.modules import load_module

Checker = Callable[[Any, Any, list[Any]], str | None]

TOLERANCE = 1e-6


def to_json_value(value: Any) -> Any:
    """The value as JSON would carry it: tuples become lists, sets sorted lists."""
    if isinstance(value, tuple | list):
        return [to_json_value(item) for item in value]
    if isinstance(value, set | frozenset):
        return sorted((to_json_value(item) for item in value), key=_sort_key)
    if isinstance(value, dict):
        return {str(key): to_json_value(item) for key, item in value.items()}
    return value


def _sort_key(value: Any) -> str:
    return json.dumps(value, sort_keys=True)


def same(expected: Any, actual: Any, *, close: bool = False) -> bool:
    """Deep equality with JSON's types: true is not 1, and 1 equals 1.0."""
    if isinstance(expected, bool) or isinstance(actual, bool):
        return type(expected) is type(actual) and expected == actual
    if isinstance(expected, int | float) and isinstance(actual, int | float):
        if close:
            return math.isclose(expected, actual, rel_tol=TOLERANCE, abs_tol=TOLERANCE)
        return expected == actual
    if isinstance(expected, list) and isinstance(actual, list):
        pairs = zip(expected, actual, strict=False)
        return len(expected) == len(actual) and all(same(e, a, close=close) for e, a in pairs)
    if isinstance(expected, dict) and isinstance(actual, dict):
        return expected.keys() == actual.keys() and all(same(expected[k], actual[k], close=close) for k in expected)
    return type(expected) is type(actual) and expected == actual


def _mismatch(expected: Any, actual: Any) -> str:
    return f"expected {json.dumps(expected)}, got {json.dumps(actual)}"


def exact(expected: Any, actual: Any, args: list[Any]) -> str | None:
    return None if same(expected, actual) else _mismatch(expected, actual)


def approx(expected: Any, actual: Any, args: list[Any]) -> str | None:
    if same(expected, actual, close=True):
        return None
    return f"{_mismatch(expected, actual)} (tolerance {TOLERANCE:g})"


def _canonical(value: Any, *, deep: bool) -> Any:
    if not isinstance(value, list):
        return value
    items = [_canonical(item, deep=deep) for item in value] if deep else value
    return sorted(items, key=_sort_key)


def unordered(expected: Any, actual: Any, args: list[Any]) -> str | None:
    if not isinstance(actual, list):
        return f"expected a list (any order), got {json.dumps(actual)}"
    if same(_canonical(expected, deep=False), _canonical(actual, deep=False)):
        return None
    return f"{_mismatch(expected, actual)} (in any order)"


def unordered_deep(expected: Any, actual: Any, args: list[Any]) -> str | None:
    if not isinstance(actual, list):
        return f"expected a list (any order at every level), got {json.dumps(actual)}"
    if same(_canonical(expected, deep=True), _canonical(actual, deep=True)):
        return None
    return f"{_mismatch(expected, actual)} (in any order at every level)"


def one_of(expected: Any, actual: Any, args: list[Any]) -> str | None:
    if not isinstance(expected, list) or not expected:
        return "a one_of case must list its acceptable answers in 'expected'"
    if any(same(answer, actual) for answer in expected):
        return None
    return f"expected one of {json.dumps(expected)}, got {json.dumps(actual)}"


BUILT_IN: dict[str, Checker] = {
    "exact": exact,
    "approx": approx,
    "unordered": unordered,
    "unordered_deep": unordered_deep,
    "one_of": one_of,
}


def is_known_checker(name: str) -> bool:
    if name in BUILT_IN:
        return True
    module, _, function = name.partition(".")
    return bool(function) and module.isidentifier() and function.isidentifier()


def resolve_checker(name: str, folder: Path) -> Checker:
    """A built-in checker, or `module.function` loaded from `folder/module.py`."""
    if name in BUILT_IN:
        return BUILT_IN[name]
    module_name, _, function_name = name.partition(".")
    path = folder / f"{module_name}.py"
    module = load_module(path)
    checker = getattr(module, function_name, None)
    if not callable(checker):
        raise LookupError(f"{path} has no function {function_name!r} to check answers with")
    return checker
