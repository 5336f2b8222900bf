"""Run a case file against a Python solution: one verdict per case.

The same case file will drive the Java, Go and TypeScript versions; each of
those runners turns a case into a call the same way: decode the arguments,
call, encode the result, hand it to the checker.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from handbook_build.cases.case_file import Case, CaseFile
from handbook_build.cases.checkers import resolve_checker, to_json_value
from handbook_build.cases.codecs import decode, encode
from handbook_build.cases.modules import load_module

# The language-neutral name of each error a case may expect, and Python's exception for it.
PYTHON_ERRORS: dict[str, type[Exception]] = {"invalid_argument": ValueError, "empty": IndexError}
CASE_FILE_SUFFIX = ".cases.json"


@dataclass(frozen=True)
class Verdict:
    case: Case
    problem: str | None  # None: the case passed

    @property
    def passed(self) -> bool:
        return self.problem is None


def solution_path(case_file_path: Path) -> Path:
    """examples/coding/x/two_sum.cases.json is the cases of examples/coding/x/two_sum.py."""
    name = case_file_path.name
    if not name.endswith(CASE_FILE_SUFFIX):
        raise ValueError(f"{case_file_path}: a case file's name ends in {CASE_FILE_SUFFIX}")
    return case_file_path.with_name(name.removesuffix(CASE_FILE_SUFFIX) + ".py")


def run_cases(cases: CaseFile, solution: Path, checker_folder: Path | None = None) -> list[Verdict]:
    """Every case of `cases` against the function or class it names in `solution`.

    A problem's own checkers live beside its case file; pass that folder when
    the solution is somewhere else (a reader's own file).
    """
    module = load_module(solution)
    target = getattr(module, cases.target, None)
    if not callable(target):
        kind = "function" if cases.function else "class"
        raise LookupError(f"{solution} has no {kind} {cases.target!r} (named by {cases.path})")
    folder = checker_folder or solution.parent
    return [_verdict(cases, case, target, folder) for case in cases.cases]


def _verdict(cases: CaseFile, case: Case, target: Any, folder: Path) -> Verdict:
    original_args = copy.deepcopy(case.args)
    try:
        actual = _call_class(case, target) if cases.class_name else _call_function(cases, case, target)
    except EarlyError as error:
        return Verdict(case, f"{error}; only the last call may raise")
    except Exception as error:  # the verdict reports whatever the solution raised
        wanted = PYTHON_ERRORS.get(case.raises or "")
        if wanted is not None and isinstance(error, wanted):
            return Verdict(case, None)
        return Verdict(case, f"raised {type(error).__name__}: {error}")
    if case.raises is not None:
        error_name = PYTHON_ERRORS[case.raises].__name__
        return Verdict(case, f"expected {case.raises} ({error_name}), got {to_json_value(actual)!r}")
    checker = resolve_checker(case.checker, folder)
    return Verdict(case, checker(case.expected, actual, original_args))


def _call_function(cases: CaseFile, case: Case, function: Any) -> Any:
    codecs = list(cases.arg_types) + [None] * (len(case.args) - len(cases.arg_types))
    # A fresh copy per call: a solution that mutates its input cannot leak into the next case.
    args = [decode(codec, copy.deepcopy(value)) for codec, value in zip(codecs, case.args, strict=False)]
    result = function(*args)
    if case.in_place is not None:
        return to_json_value(encode(codecs[case.in_place], args[case.in_place]))
    return to_json_value(encode(cases.result_type, result))


class EarlyError(Exception):
    """A call before the last raised in a case that expects only the last call to raise."""


def _call_class(case: Case, cls: Any) -> list[Any]:
    instance = cls(*copy.deepcopy(case.init))
    results = []
    for number, (method, *args) in enumerate(case.calls, start=1):
        is_last = number == len(case.calls)
        try:
            result = getattr(instance, method)(*copy.deepcopy(args))
        except Exception as error:
            if case.raises is not None and not is_last:
                raise EarlyError(f"call {number} ({method}) raised {type(error).__name__}: {error}") from error
            raise
        results.append(to_json_value(encode(None, result)))
    return results
