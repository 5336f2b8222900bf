"""The thread worker pool loses no job, survives failing jobs, and shuts down cleanly."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from examples.language.concurrency.worker_pool_threads import LINE_ITEMS, JobResult, line_total, run_pool


@pytest.mark.parametrize(("payload", "total"), [("3 x 250", 750), ("0 x 99", 0), ("-2 x -3", 6)])
def test_line_total_prices_good_items(payload: str, total: int) -> None:
    assert line_total(payload) == total


@pytest.mark.parametrize("payload", ["two x 100", "3 x", "", "3 * 250", "1 x -5"])
def test_line_total_refuses_bad_items(payload: str) -> None:
    with pytest.raises(ValueError):
        line_total(payload)


def test_failing_jobs_come_back_as_errors_in_job_order() -> None:
    assert run_pool(LINE_ITEMS, line_total, workers=3) == [
        JobResult(0, value=750),
        JobResult(1, value=1999),
        JobResult(2, error="ValueError: invalid literal for int() with base 10: 'two'"),
        JobResult(3, value=300),
        JobResult(4, error="ValueError: negative total in '1 x -5'"),
    ]


def test_every_one_of_many_jobs_is_accounted_for_exactly_once() -> None:
    payloads = [f"{i} x 1" if i % 7 else "broken" for i in range(3000)]
    calls: list[str] = []
    lock = threading.Lock()

    def counted(payload: str) -> int:
        with lock:
            calls.append(payload)
        return line_total(payload)

    results = run_pool(payloads, counted, workers=8)
    assert [r.index for r in results] == list(range(3000))
    assert sorted(calls) == sorted(payloads)  # each job handled once, none twice
    for r in results:
        if r.index % 7:
            assert (r.value, r.error) == (r.index, None)
        else:
            assert r.value is None
            assert r.error is not None
            assert r.error.startswith("ValueError")


def test_workers_really_run_jobs_at_the_same_time() -> None:
    workers = 4
    # Each of the first `workers` jobs blocks until all of them are running:
    # with fewer concurrent workers the barrier times out and the job errors.
    barrier = threading.Barrier(workers, timeout=5)

    def meet_then_price(payload: str) -> int:
        if int(payload.split(" x ")[0]) < workers:
            barrier.wait()
        return line_total(payload)

    results = run_pool([f"{i} x 10" for i in range(20)], meet_then_price, workers=workers)
    assert [r.error for r in results] == [None] * 20
    assert [r.value for r in results] == [i * 10 for i in range(20)]


@pytest.mark.parametrize("workers", [0, -3])
def test_workers_below_one_is_refused(workers: int) -> None:
    with pytest.raises(ValueError, match="workers must be at least 1"):
        run_pool(["1 x 1"], line_total, workers=workers)


def test_no_jobs_gives_no_results() -> None:
    assert run_pool([], line_total) == []


def test_a_failing_producer_still_stops_every_worker() -> None:
    before = set(threading.enumerate())

    def payloads() -> Iterator[str]:
        yield "1 x 1"
        yield "2 x 2"
        raise OSError("input file vanished")

    with pytest.raises(OSError, match="input file vanished"):
        run_pool(payloads(), line_total, workers=3)
    assert set(threading.enumerate()) == before  # no worker left blocked on the queue
