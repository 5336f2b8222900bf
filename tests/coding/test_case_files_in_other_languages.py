"""The same case files prove the Java, Go and TypeScript versions of a problem.

Every case file whose problem has a version in another language runs against
it through that language's driver (handbook_build/cases/drivers.py), judged
by the checkers the Python runner uses. The drivers are checked too: a wrong
answer, a named error, a missing function and an empty container each give
the verdict they should, in every language.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from handbook_build.cases.case_file import load_case_file
from handbook_build.cases.drivers import (
    camel_case,
    judge,
    pascal_case,
    run_cases_in,
    solution_in,
)
from handbook_build.cases.runner import CASE_FILE_SUFFIX
from handbook_build.other_languages.toolchains import (
    GO,
    JAVA,
    LANGUAGES,
    TYPESCRIPT,
    Language,
)
from tests.support.example_files import EXAMPLES_DIR, REPO_ROOT
from tests.support.toolchains import require_toolchain

CASE_FILES = sorted((EXAMPLES_DIR / "coding").rglob(f"*{CASE_FILE_SUFFIX}"))
PAIRS = [(path, language) for path in CASE_FILES for language in LANGUAGES if solution_in(language, path).exists()]


@pytest.mark.parametrize(
    ("path", "language"),
    PAIRS,
    ids=[f"{p.relative_to(REPO_ROOT)}-{lang.name}" for p, lang in PAIRS],
)
def test_every_case_passes_in_every_language_that_solves_it(path: Path, language: Language, tmp_path: Path) -> None:
    require_toolchain(language)
    verdicts = run_cases_in(language, load_case_file(path), solution_in(language, path), tmp_path)
    failures = [f"{v.case.label}: {v.problem}" for v in verdicts if not v.passed]
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("language", LANGUAGES, ids=[lang.name for lang in LANGUAGES])
def test_every_language_solves_at_least_one_problem(language: Language) -> None:
    assert any(lang is language for _, lang in PAIRS), f"no case file has a {language.name} version to run"


def test_names_map_to_each_languages_convention() -> None:
    assert (camel_case("two_sum"), pascal_case("two_sum"), camel_case("get_min")) == (
        "twoSum",
        "TwoSum",
        "getMin",
    )
    case_file = EXAMPLES_DIR / "coding/arrays_hashing/two_sum.cases.json"
    assert [solution_in(lang, case_file).name for lang in (JAVA, GO, TYPESCRIPT)] == [
        "TwoSum.java",
        "two_sum.go",
        "two_sum.ts",
    ]


# The drivers themselves: one small problem, written three times in each language.

FUNCTION_CASES = {
    "title": "Halve",
    "difficulty": "easy",
    "page": "coding/index.md",
    "function": "halve",
    "cases": [
        {"name": "even", "args": [8], "expected": 4},
        {"name": "odd is invalid", "args": [3], "raises": "invalid_argument"},
    ],
}
CLASS_CASES = {
    "title": "Box",
    "difficulty": "easy",
    "page": "coding/index.md",
    "class": "Box",
    "cases": [
        {
            "name": "put then take",
            "init": [],
            "calls": [["put", 7], ["take"]],
            "expected": [None, 7],
        },
        {"name": "take from empty", "init": [], "calls": [["take"]], "raises": "empty"},
    ],
}

RIGHT = {
    TYPESCRIPT: (
        """\
export function halve(n: number): number {
  if (n % 2 !== 0) throw new RangeError(`${n} is odd`);
  return n / 2;
}
""",
        """\
export class Box {
  #items: number[] = [];
  put(x: number): void { this.#items.push(x); }
  take(): number | undefined { return this.#items.pop(); }
}
""",
    ),
    GO: (
        """\
package main

import (
	"errors"
	"fmt"
)

var errInvalidArgument = errors.New("invalid argument")

func halve(n int) (int, error) {
	if n%2 != 0 {
		return 0, fmt.Errorf("%d is odd: %w", n, errInvalidArgument)
	}
	return n / 2, nil
}

func main() {}
""",
        """\
package main

type Box struct{ items []int }

func newBox() *Box { return &Box{} }

func (b *Box) Put(x int) { b.items = append(b.items, x) }

func (b *Box) Take() (int, bool) {
	if len(b.items) == 0 {
		return 0, false
	}
	x := b.items[len(b.items)-1]
	b.items = b.items[:len(b.items)-1]
	return x, true
}

func main() {}
""",
    ),
    JAVA: (
        """\
public final class Halve {
  static int halve(int n) {
    if (n % 2 != 0) throw new IllegalArgumentException(n + " is odd");
    return n / 2;
  }
}
""",
        """\
import java.util.ArrayDeque;

public final class Box {
  private final ArrayDeque<Integer> items = new ArrayDeque<>();
  public void put(int x) { items.push(x); }
  public int take() { return items.pop(); }
}
""",
    ),
}


def _problem(tmp_path: Path, language: Language, cases: dict, source: str) -> tuple[Path, Path]:
    stem = "halve" if "function" in cases else "box"
    tmp_path.mkdir(parents=True, exist_ok=True)
    case_file = tmp_path / f"{stem}{CASE_FILE_SUFFIX}"
    case_file.write_text(json.dumps(cases), encoding="utf-8")
    solution = solution_in(language, case_file)
    solution.write_text(source, encoding="utf-8")
    return case_file, solution


def _problems(language: Language, tmp_path: Path, cases: dict, source: str) -> list[str | None]:
    case_file, solution = _problem(tmp_path, language, cases, source)
    return [v.problem for v in run_cases_in(language, load_case_file(case_file), solution, tmp_path / "work")]


@pytest.mark.parametrize("language", LANGUAGES, ids=[lang.name for lang in LANGUAGES])
def test_a_driver_passes_right_answers_and_maps_the_named_errors(language: Language, tmp_path: Path) -> None:
    require_toolchain(language)
    function_source, class_source = RIGHT[language]
    assert _problems(language, tmp_path / "f", FUNCTION_CASES, function_source) == [
        None,
        None,
    ]
    assert _problems(language, tmp_path / "c", CLASS_CASES, class_source) == [
        None,
        None,
    ]


@pytest.mark.parametrize("language", LANGUAGES, ids=[lang.name for lang in LANGUAGES])
def test_a_driver_fails_a_wrong_answer_and_an_unnamed_error(language: Language, tmp_path: Path) -> None:
    require_toolchain(language)
    function_source, class_source = RIGHT[language]
    # Quartering is wrong for 8; accepting odd numbers means no error where one is expected.
    wrong = (
        function_source.replace("n / 2", "n / 4")
        .replace("% 2 != 0", "% 2 == 5")
        .replace("% 2 !== 0", "% 2 === 5")
        .replace("n%2 != 0", "n%2 == 5")
    )
    problems = _problems(language, tmp_path / "f", FUNCTION_CASES, wrong)
    assert problems[0] == "expected 4, got 2"
    assert problems[1] is not None and problems[1].startswith("expected invalid_argument")
    # A take that never reports empty (returns 0, or throws an error the driver cannot name).
    if language is TYPESCRIPT:
        leaky = class_source.replace("this.#items.pop()", "this.#items.pop() ?? 0")
    elif language is GO:
        leaky = class_source.replace("return 0, false", "return 0, true")
    else:
        leaky = class_source.replace("return items.pop();", "return items.isEmpty() ? 0 : items.pop();")
    assert _problems(language, tmp_path / "c", CLASS_CASES, leaky) == [
        None,
        "expected empty, got [0]",
    ]


@pytest.mark.parametrize("language", LANGUAGES, ids=[lang.name for lang in LANGUAGES])
def test_a_solution_without_the_named_function_is_refused_by_name(language: Language, tmp_path: Path) -> None:
    require_toolchain(language)
    function_source, _ = RIGHT[language]
    renamed = function_source.replace("halve(", "halved(")
    with pytest.raises(LookupError, match=r"halve|Halve"):
        _problems(language, tmp_path, FUNCTION_CASES, renamed)


def test_a_missing_solution_file_names_the_path(tmp_path: Path) -> None:
    case_file = tmp_path / f"halve{CASE_FILE_SUFFIX}"
    case_file.write_text(json.dumps(FUNCTION_CASES), encoding="utf-8")
    with pytest.raises(LookupError, match=r"halve\.go does not exist"):
        run_cases_in(GO, load_case_file(case_file), solution_in(GO, case_file), tmp_path / "work")


def _dev_py_cases(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "handbook_build.cases", *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_dev_py_cases_runs_a_readers_file_in_the_language_its_name_says(
    tmp_path: Path,
) -> None:
    require_toolchain(TYPESCRIPT)
    mine = tmp_path / "mine.ts"
    mine.write_text("export function twoSum(nums: number[], target: number): number[] {\n  return [0, 1];\n}\n")
    result = _dev_py_cases("examples/coding/arrays_hashing/two_sum.cases.json", "--solution", str(mine))
    assert result.returncode == 1, result.stderr
    assert "  PASS   1 the pair is at the start\n" in result.stdout
    assert "  FAIL   4 empty input has no pair: expected null, got [0, 1]\n" in result.stdout


def test_dev_py_cases_with_a_language_runs_only_the_problems_it_solves() -> None:
    require_toolchain(GO)
    result = _dev_py_cases("examples/coding/arrays_hashing", "--language", "go")
    assert result.returncode == 0, result.stderr
    ran = [line for line in result.stdout.splitlines() if " -> " in line]
    assert ran and all(line.endswith(".go") for line in ran)
    assert "two_sum.go" in result.stdout and "first_unique_char" not in result.stdout


def test_the_go_driver_reads_a_value_an_ok_flag_and_an_error_together(tmp_path: Path) -> None:
    require_toolchain(GO)
    cases = {
        "title": "First even",
        "difficulty": "easy",
        "page": "coding/index.md",
        "function": "first_even",
        "cases": [
            {"name": "found", "args": [[3, 4]], "expected": 4},
            {"name": "none", "args": [[3]], "expected": None},
            {"name": "negative is invalid", "args": [[-1]], "raises": "invalid_argument"},
        ],
    }
    source = """\
package main

import "errors"

var errInvalidArgument = errors.New("invalid argument")

func firstEven(nums []int) (int, bool, error) {
\tfor _, n := range nums {
\t\tif n < 0 {
\t\t\treturn 0, false, errInvalidArgument
\t\t}
\t\tif n%2 == 0 {
\t\t\treturn n, true, nil
\t\t}
\t}
\treturn 0, false, nil
}

func main() {}
"""
    case_file = tmp_path / f"first_even{CASE_FILE_SUFFIX}"
    case_file.write_text(json.dumps(cases), encoding="utf-8")
    solution = solution_in(GO, case_file)
    solution.write_text(source, encoding="utf-8")
    verdicts = run_cases_in(GO, load_case_file(case_file), solution, tmp_path / "work")
    assert [v.problem for v in verdicts] == [None, None, None]


def test_a_constructor_may_raise_the_named_error_but_an_early_call_may_not(tmp_path: Path) -> None:
    """As runner.py judges Python: the constructor (call 0) raising is the answer; call 1 of 2 is too early."""
    cases = {
        "title": "Box",
        "difficulty": "easy",
        "page": "coding/index.md",
        "class": "Box",
        "cases": [{"name": "a bad size", "init": [0], "calls": [["put", 1], ["take"]], "raises": "invalid_argument"}],
    }
    case_file = tmp_path / f"box{CASE_FILE_SUFFIX}"
    case_file.write_text(json.dumps(cases), encoding="utf-8")
    loaded = load_case_file(case_file)
    failed = {"raises": "invalid_argument", "error": "IllegalArgumentException: size 0", "results": []}
    assert judge(loaded, loaded.cases[0], {**failed, "call": 0}, tmp_path).problem is None
    early = judge(loaded, loaded.cases[0], {**failed, "call": 1}, tmp_path).problem
    assert early is not None and "only the last call may raise" in early
    assert judge(loaded, loaded.cases[0], {**failed, "call": 2}, tmp_path).problem is None
