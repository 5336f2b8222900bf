"""WorkerPoolThreads.java, the Java twin of worker_pool_threads.py: same jobs, same outcomes."""

from __future__ import annotations

import pytest

from examples.language.concurrency.worker_pool_threads import (
    LINE_ITEMS,
    line_total,
    run_pool,
)
from tests.language.java.java_driver import CONCURRENCY_EXAMPLES, run_driver


@pytest.fixture(scope="module")
def facts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return run_driver(
        "WorkerPoolThreadsCheck.java",
        [CONCURRENCY_EXAMPLES / "WorkerPoolThreads.java"],
        tmp_path_factory.mktemp("worker-pool"),
    )


def test_java_and_python_agree_on_every_value_and_on_which_jobs_fail(
    facts: dict[str, str],
) -> None:
    java = [line.split(":", 1) for line in facts["demo"].split("|")]
    python = run_pool(LINE_ITEMS, line_total, workers=3)
    assert [int(index) for index, _ in java] == [result.index for result in python]
    for (_, outcome), result in zip(java, python, strict=True):
        if result.error is None:
            assert outcome == str(result.value)
        else:  # the exception types differ by language; that a job failed does not
            assert outcome.endswith(
                ('Exception: For input string: "two"', "negative total in '1 x -5'")
            )


def test_overflow_and_malformed_items_become_error_results(
    facts: dict[str, str],
) -> None:
    assert facts["overflow"].split("|") == [
        "0:ArithmeticException: integer overflow",  # Python's int would not overflow
        '1:NumberFormatException: For input string: "x 5"',  # no " x ": all of it is the quantity
        '2:NumberFormatException: For input string: ""',
    ]


@pytest.mark.parametrize("workers", [1, 2, 8])
def test_three_thousand_jobs_come_back_once_each_in_order(
    facts: dict[str, str], workers: int
) -> None:
    assert (
        facts[f"scale.workers_{workers}"] == "3000"
    )  # the driver checked each index and value


def test_the_workers_run_at_the_same_time(facts: dict[str, str]) -> None:
    assert facts["overlap"] == "0:1|1:1|2:1|3:1"


def test_zero_workers_is_refused(facts: dict[str, str]) -> None:
    assert facts["zero_workers"] == "workers must be at least 1: 0"


def test_a_failing_input_reaches_the_caller_and_stops_every_worker(
    facts: dict[str, str],
) -> None:
    assert facts["failing_input"] == "input broke at item 10"
    assert facts["failing_input.threads_left"] == "0"
