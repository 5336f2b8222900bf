"""The case runner: the file format's errors, the checkers, the codecs and `dev.py cases`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from handbook_build.cases.case_file import CaseFileError, load_case_file
from handbook_build.cases.checkers import approx, exact, one_of, unordered, unordered_deep
from handbook_build.cases.runner import run_cases, solution_path
from tests.support.example_files import REPO_ROOT

SOLUTION = '''
from examples.coding.nodes import ListNode


def pair_sum(numbers: list[int], target: int) -> list[int]:
    seen: dict[int, int] = {}
    for index, number in enumerate(numbers):
        if target - number in seen:
            return [seen[target - number], index]
        seen[number] = index
    raise ValueError("no pair adds up to the target")


def reverse(head: ListNode | None) -> ListNode | None:
    previous = None
    while head is not None:
        head.next, previous, head = previous, head, head.next
    return previous


def sort_in_place(numbers: list[int]) -> None:
    numbers.sort()


def is_even_split(numbers: list[int], answer: list[list[int]]) -> str | None:
    return None


class Counter:
    def __init__(self, start: int) -> None:
        self.value = start

    def add(self, amount: int) -> int:
        self.value += amount
        return self.value

    def take(self) -> int:
        if self.value == 0:
            raise IndexError("take from an empty counter")
        self.value -= 1
        return self.value
'''

PROBLEM = {"title": "Pair sum", "difficulty": "easy", "page": "index.md", "function": "pair_sum"}


def write(folder: Path, name: str, data: Any) -> Path:
    path = folder / name
    path.write_text(data if isinstance(data, str) else json.dumps(data, indent=2), encoding="utf-8")
    return path


@pytest.fixture
def problem(tmp_path: Path) -> Path:
    write(tmp_path, "pair_sum.py", SOLUTION)
    return write(tmp_path, "pair_sum.cases.json", {**PROBLEM, "cases": [
        {"name": "ends", "args": [[2, 7, 11, 15], 9], "expected": [0, 1]},
        {"name": "no pair", "args": [[1, 2], 7], "raises": "invalid_argument"},
    ]})


def verdicts_of(path: Path) -> list[str | None]:
    return [verdict.problem for verdict in run_cases(load_case_file(path), solution_path(path))]


def test_passing_and_raising_cases_pass(problem: Path) -> None:
    assert verdicts_of(problem) == [None, None]


def test_a_wrong_answer_says_what_was_expected_and_what_came_back(tmp_path: Path, problem: Path) -> None:
    path = write(tmp_path, "pair_sum.cases.json", {**PROBLEM, "cases": [
        {"name": "wrong", "args": [[2, 7], 9], "expected": [1, 0]},
        {"name": "should raise", "args": [[2, 7], 9], "raises": "invalid_argument"},
        {"name": "raises unexpectedly", "args": [[2, 7], 100], "expected": [0, 1]},
    ]})
    assert verdicts_of(path) == [
        "expected [1, 0], got [0, 1]",
        "expected invalid_argument (ValueError), got [0, 1]",
        "raised ValueError: no pair adds up to the target",
    ]


def test_codecs_in_place_and_class_problems(tmp_path: Path, problem: Path) -> None:
    write(tmp_path, "reverse.py", SOLUTION)
    reverse = write(tmp_path, "reverse.cases.json", {
        **PROBLEM, "function": "reverse", "types": {"args": ["linked_list"], "result": "linked_list"},
        "cases": [{"name": "three", "args": [[1, 2, 3]], "expected": [3, 2, 1]},
                  {"name": "empty", "args": [[]], "expected": []}]})
    write(tmp_path, "sort.py", SOLUTION)
    in_place = write(tmp_path, "sort.cases.json", {**PROBLEM, "function": "sort_in_place", "cases": [
        {"name": "sorted", "args": [[3, 1, 2]], "in_place": 0, "expected": [1, 2, 3]}]})
    write(tmp_path, "counter.py", SOLUTION)
    counter = write(tmp_path, "counter.cases.json", {**{k: v for k, v in PROBLEM.items() if k != "function"},
                                                      "class": "Counter", "cases": [
        {"name": "adds", "init": [10], "calls": [["add", 1], ["add", 5]], "expected": [11, 16]},
        {"name": "empty", "init": [1], "calls": [["take"], ["take"]], "raises": "empty"},
        {"name": "not empty", "init": [2], "calls": [["take"], ["take"]], "raises": "empty"},
        {"name": "raises too early", "init": [0], "calls": [["take"], ["add", 1]], "raises": "empty"}]})
    assert verdicts_of(reverse) == [None, None]
    assert verdicts_of(in_place) == [None]
    assert verdicts_of(counter) == [
        None,
        None,
        "expected empty (IndexError), got [1, 0]",
        "call 1 (take) raised IndexError: take from an empty counter; only the last call may raise",
    ]


def test_a_problem_checker_is_a_function_in_the_folder(tmp_path: Path, problem: Path) -> None:
    write(tmp_path, "checks.py", "def always_wrong(expected, actual, args):\n    return f'{actual} is not allowed'\n")
    path = write(tmp_path, "pair_sum.cases.json", {**PROBLEM, "checker": "checks.always_wrong", "cases": [
        {"name": "any", "args": [[2, 7], 9], "expected": None}]})
    assert verdicts_of(path) == ["[0, 1] is not allowed"]


def test_the_solution_must_define_what_the_file_names(tmp_path: Path, problem: Path) -> None:
    path = write(tmp_path, "pair_sum.cases.json", {**PROBLEM, "function": "missing", "cases": [
        {"name": "any", "args": [], "expected": None}]})
    with pytest.raises(LookupError, match="has no function 'missing'"):
        verdicts_of(path)


@pytest.mark.parametrize(("content", "message"), [
    ('{"title": "x",\n  "cases": [,]}', r"line 2, column 13: not valid JSON"),
    ([], "the top level must be an object"),
    ({**PROBLEM, "cases": []}, "'cases' must be a non-empty list"),
    ({**PROBLEM, "difficulty": "trivial", "cases": [{}]}, "'difficulty' must be one of"),
    ({**PROBLEM, "class": "X", "cases": [{}]}, "exactly one of 'function' or 'class'"),
    ({**PROBLEM, "colour": 1, "cases": [{}]}, r"unknown key\(s\) \['colour'\]"),
    ({**PROBLEM, "cases": [{"args": []}]}, "case 1 has no 'name'"),
    ({**PROBLEM, "cases": [{"name": "a", "args": [1]}]}, r"case 1 \('a'\): missing 'expected'"),
    ({**PROBLEM, "cases": [{"name": "a", "args": 1, "expected": 1}]}, r"case 1 \('a'\): 'args' must be"),
    ({**PROBLEM, "cases": [{"name": "a", "args": [], "expected": 1},
                           {"name": "a", "args": [], "expected": 2}]}, r"repeated: \['a'\]"),
    ({**PROBLEM, "cases": [{"name": "a", "args": [], "expected": 1, "checker": "sorted"}]}, "unknown checker 'sorted'"),
    ({**PROBLEM, "cases": [{"name": "a", "args": [1], "expected": 1, "in_place": 1}]}, "'in_place' must be the index"),
    ({**PROBLEM, "cases": [{"name": "a", "args": [], "raises": "TypeError"}]}, "'raises' must be one of"),
    ({**PROBLEM, "types": {"args": ["graph"]}, "cases": [{"name": "a", "args": [], "expected": 1}]},
     "unknown type 'graph'"),
])
def test_a_malformed_case_file_names_the_file_and_the_case(tmp_path: Path, content: Any, message: str) -> None:
    path = write(tmp_path, "bad.cases.json", content)
    with pytest.raises(CaseFileError, match=message) as raised:
        load_case_file(path)
    assert str(raised.value).startswith(str(path))


def test_a_readers_file_may_hold_only_cases(tmp_path: Path, problem: Path) -> None:
    negatives = {"name": "negatives", "args": [[-3, 4, 1], -2], "expected": [0, 2]}
    mine = write(tmp_path, "mine.json", {"cases": [negatives]})
    cases = load_case_file(mine, defaults=load_case_file(problem))
    assert cases.function == "pair_sum"
    assert [v.problem for v in run_cases(cases, solution_path(problem))] == [None]


def test_dev_py_cases_runs_an_outside_case_file(tmp_path: Path, problem: Path) -> None:
    mine = write(tmp_path, "mine.json", {"cases": [
        {"name": "right", "args": [[1, 5], 6], "expected": [0, 1]},
        {"name": "wrong", "args": [[1, 5], 6], "expected": [1, 0]}]})
    result = subprocess.run([sys.executable, "-m", "handbook_build.cases", str(problem), "--cases", str(mine)],
                            cwd=REPO_ROOT, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 1, result.stderr
    assert "  PASS   1 right\n" in result.stdout
    assert "  FAIL   2 wrong: expected [1, 0], got [0, 1]\n" in result.stdout
    assert result.stdout.endswith("1 passed, 1 failed, in 1 case file(s)\n")


def test_dev_py_cases_exits_2_on_a_malformed_file(tmp_path: Path, problem: Path) -> None:
    mine = write(tmp_path, "mine.json", {"cases": [{"name": "no answer", "args": []}]})
    result = subprocess.run([sys.executable, "-m", "handbook_build.cases", str(problem), "--cases", str(mine)],
                            cwd=REPO_ROOT, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 2
    assert f"error: {mine}: case 1 ('no answer'): missing 'expected'" in result.stderr


def test_checkers() -> None:
    assert exact(1, 1.0, []) is None
    assert exact(1, True, []) == "expected 1, got true"
    assert exact([1, [2]], [1, [2]], []) is None
    assert approx(0.1 + 0.2, 0.3, []) is None
    assert approx(1.0, 1.1, []) is not None
    assert unordered([1, 2, 2], [2, 1, 2], []) is None
    assert unordered([1, 2, 2], [1, 1, 2], []) is not None
    assert unordered([[1, 2]], [[2, 1]], []) is not None
    assert unordered_deep([["a", "b"], ["c"]], [["c"], ["b", "a"]], []) is None
    assert one_of([[0, 1], [1, 0]], [1, 0], []) is None
    assert one_of([[0, 1]], [1, 1], []) == "expected one of [[0, 1]], got [1, 1]"


def test_dev_py_cases_runs_the_problems_cases_against_a_readers_solution(tmp_path: Path, problem: Path) -> None:
    mine = tmp_path / "elsewhere" / "my_pair_sum.py"
    mine.parent.mkdir()
    mine.write_text("def pair_sum(numbers, target):\n    return [0, 1]\n")
    result = subprocess.run([sys.executable, "-m", "handbook_build.cases", str(problem), "--solution", str(mine)],
                            cwd=REPO_ROOT, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 1, result.stderr
    assert f"{problem} -> {mine}\n" in result.stdout
    assert "  PASS   1 ends\n" in result.stdout
    assert "  FAIL   2 no pair: expected invalid_argument (ValueError), got [0, 1]\n" in result.stdout
