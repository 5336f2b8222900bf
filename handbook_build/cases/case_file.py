"""Case files: a coding problem's inputs and expected outputs, as language-neutral JSON.

One file sits beside each solution, `examples/coding/<pattern>/<problem>.cases.json`:

    {
      "title": "Two sum",
      "difficulty": "easy",                     # easy | medium | hard
      "page": "coding/arrays-hashing.md#two-sum-one-pass-with-a-map",
      "function": "two_sum",                    # or "class": "MedianFinder"
      "checker": "unordered",                   # optional; "exact" when absent
      "types": {"args": ["list"], "result": "linked_list"},  # optional codecs
      "cases": [
        {"name": "the pair is at the ends", "args": [[2, 7, 11, 15], 9], "expected": [0, 1]}
      ]
    }

Names are snake_case; a Java, Go or TypeScript runner maps them to its own
convention. A case of a class problem has `init` (constructor arguments),
`calls` (each `[method, arg, ...]`) and `expected` (one result per call).
A case may set `checker` for itself, `in_place` (the index of the argument the
function rewrites, compared instead of the return value) or
`"raises": "invalid_argument"` (bad input) or `"raises": "empty"` (taking from
an empty container) instead of `expected`; in a class case, the last call raises.

Every mistake in a file is reported as a CaseFileError that names the file,
and the case by number and name.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from handbook_build.cases.checkers import is_known_checker

DIFFICULTIES = ("easy", "medium", "hard")
# Errors a case may expect, by language-neutral name (runner.py maps them to Python's).
ERRORS = ("invalid_argument", "empty")
CODECS = ("linked_list", "binary_tree")
TOP_LEVEL_KEYS = {"title", "difficulty", "page", "function", "class", "checker", "types", "practice", "cases"}
CASE_KEYS = {"name", "args", "expected", "checker", "in_place", "raises", "init", "calls"}


class CaseFileError(ValueError):
    """A case file that cannot be run, with the file and the case in the message."""


@dataclass(frozen=True)
class Case:
    number: int  # 1-based, as a reader counts
    name: str
    args: list[Any]
    expected: Any = None
    checker: str = "exact"
    in_place: int | None = None
    raises: str | None = None
    init: list[Any] = field(default_factory=list)
    calls: list[list[Any]] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"case {self.number} ({self.name!r})"


@dataclass(frozen=True)
class CaseFile:
    path: Path
    title: str
    difficulty: str
    page: str
    function: str | None
    class_name: str | None
    cases: tuple[Case, ...]
    arg_types: tuple[str | None, ...] = ()
    result_type: str | None = None
    practice: bool = False
    checker: str = "exact"

    @property
    def target(self) -> str:
        return self.function or self.class_name or ""


def load_case_file(path: Path, defaults: CaseFile | None = None, shown_as: str | None = None) -> CaseFile:
    """Read and check a case file.

    With `defaults` (the problem's own case file), a reader's file may hold
    only `cases`: the title, function, types and checker come from the problem.
    Errors name the file as `shown_as` (a path relative to the project) if given.
    """
    where = shown_as or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise CaseFileError(f"{where}: cannot read it: {error.strerror}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        position = f"line {error.lineno}, column {error.colno}"
        raise CaseFileError(f"{where}: {position}: not valid JSON: {error.msg}") from None
    return parse_case_file(data, path, defaults, shown_as)


def parse_case_file(data: Any, path: Path, defaults: CaseFile | None = None, shown_as: str | None = None) -> CaseFile:
    where = shown_as or str(path)
    if not isinstance(data, dict):
        raise CaseFileError(f"{where}: the top level must be an object with 'cases', not {type(data).__name__}")
    if defaults is not None:
        data = {**_as_raw(defaults), **data}
        if "function" in data and "class" in data:  # the reader's file chose the other kind
            del data["function" if defaults.function is not None else "class"]
    unknown = sorted(set(data) - TOP_LEVEL_KEYS)
    if unknown:
        raise CaseFileError(f"{where}: unknown key(s) {unknown}; allowed: {sorted(TOP_LEVEL_KEYS)}")
    for key in ("title", "page"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise CaseFileError(f"{where}: '{key}' must be a non-empty string")
    difficulty = data.get("difficulty")
    if difficulty not in DIFFICULTIES:
        raise CaseFileError(f"{where}: 'difficulty' must be one of {list(DIFFICULTIES)}, not {difficulty!r}")
    function, class_name = data.get("function"), data.get("class")
    if (function is None) == (class_name is None):
        raise CaseFileError(f"{where}: give exactly one of 'function' or 'class'")
    target = function if function is not None else class_name
    if not isinstance(target, str) or not target.isidentifier():
        raise CaseFileError(f"{where}: {'function' if function is not None else 'class'} must be an identifier")
    arg_types, result_type = _types(data.get("types", {}), where)
    default_checker = _checker_name(data.get("checker", "exact"), where)
    cases = data.get("cases")
    if not isinstance(cases, list) or not cases:
        raise CaseFileError(f"{where}: 'cases' must be a non-empty list")
    parsed = tuple(
        _case(raw, number, where, default_checker, is_class=class_name is not None)
        for number, raw in enumerate(cases, start=1)
    )
    names = [case.name for case in parsed]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise CaseFileError(f"{where}: case names must be unique; repeated: {duplicates}")
    practice = data.get("practice", False)
    if not isinstance(practice, bool):
        raise CaseFileError(f"{where}: 'practice' must be true or false")
    return CaseFile(
        path=path,
        title=data["title"],
        difficulty=difficulty,
        page=data["page"],
        function=function,
        class_name=class_name,
        cases=parsed,
        arg_types=arg_types,
        result_type=result_type,
        practice=practice,
        checker=default_checker,
    )


def _as_raw(case_file: CaseFile) -> dict[str, Any]:
    raw: dict[str, Any] = {"title": case_file.title, "difficulty": case_file.difficulty, "page": case_file.page,
                           "checker": case_file.checker}
    raw["function" if case_file.function is not None else "class"] = case_file.target
    if case_file.arg_types or case_file.result_type:
        raw["types"] = {"args": list(case_file.arg_types), "result": case_file.result_type}
    return raw


def _types(raw: Any, where: str) -> tuple[tuple[str | None, ...], str | None]:
    if not isinstance(raw, dict) or set(raw) - {"args", "result"}:
        raise CaseFileError(f"{where}: 'types' must be an object with 'args' and/or 'result'")
    arg_types = raw.get("args", [])
    if not isinstance(arg_types, list):
        raise CaseFileError(f"{where}: types.args must be a list (null for a plain JSON argument)")
    for codec in [*arg_types, raw.get("result")]:
        if codec is not None and codec not in CODECS:
            raise CaseFileError(f"{where}: unknown type {codec!r}; known: {list(CODECS)} (or null)")
    return tuple(arg_types), raw.get("result")


def _checker_name(name: Any, where: str) -> str:
    if not isinstance(name, str) or not is_known_checker(name):
        raise CaseFileError(
            f"{where}: unknown checker {name!r}; use a built-in one or 'module.function' from the case file's folder"
        )
    return name


def _case(raw: Any, number: int, where: str, default_checker: str, *, is_class: bool) -> Case:
    if not isinstance(raw, dict):
        raise CaseFileError(f"{where}: case {number} must be an object, not {type(raw).__name__}")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise CaseFileError(f"{where}: case {number} has no 'name'")
    label = f"{where}: case {number} ({name!r})"
    unknown = sorted(set(raw) - CASE_KEYS)
    if unknown:
        raise CaseFileError(f"{label}: unknown key(s) {unknown}; allowed: {sorted(CASE_KEYS)}")
    if "expected" in raw and "raises" in raw:
        raise CaseFileError(f"{label}: give 'expected' or 'raises', not both")
    if "expected" not in raw and "raises" not in raw:
        raise CaseFileError(f"{label}: missing 'expected' (or 'raises')")
    raises = raw.get("raises")
    if raises is not None and raises not in ERRORS:
        raise CaseFileError(f"{label}: 'raises' must be one of {list(ERRORS)}, not {raises!r}")
    checker = _checker_name(raw.get("checker", default_checker), label)
    if is_class:
        return _class_case(raw, number, name, label, checker)
    if "init" in raw or "calls" in raw:
        raise CaseFileError(f"{label}: 'init' and 'calls' belong to class problems; this file names a function")
    args = raw.get("args")
    if not isinstance(args, list):
        raise CaseFileError(f"{label}: 'args' must be the list of arguments")
    in_place = raw.get("in_place")
    if in_place is not None and (type(in_place) is not int or not 0 <= in_place < len(args)):
        raise CaseFileError(f"{label}: 'in_place' must be the index of one of the {len(args)} arguments")
    return Case(number, name, args, raw.get("expected"), checker, in_place, raises)


def _class_case(raw: dict[str, Any], number: int, name: str, label: str, checker: str) -> Case:
    if "args" in raw or "in_place" in raw:
        raise CaseFileError(f"{label}: a class problem's case has 'init' and 'calls', not 'args' or 'in_place'")
    init, calls = raw.get("init", []), raw.get("calls")
    if not isinstance(init, list):
        raise CaseFileError(f"{label}: 'init' must be the list of constructor arguments")
    if not isinstance(calls, list) or not calls:
        raise CaseFileError(f"{label}: 'calls' must be a non-empty list of [method, arg, ...]")
    for index, call in enumerate(calls, start=1):
        if not isinstance(call, list) or not call or not isinstance(call[0], str) or not call[0].isidentifier():
            raise CaseFileError(f"{label}: call {index} must be [method_name, arg, ...], not {call!r}")
    expected = raw.get("expected")
    if "raises" not in raw and (not isinstance(expected, list) or len(expected) != len(calls)):
        raise CaseFileError(f"{label}: 'expected' must list one result per call ({len(calls)})")
    return Case(number, name, [], expected, checker, None, raw.get("raises"), init, calls)
