"""Prime counting in one process and across a process pool."""

from __future__ import annotations

import multiprocessing
import pickle
from concurrent.futures import ProcessPoolExecutor

import pytest

from examples.language.concurrency.cpu_bound import count_primes, count_primes_in_processes


@pytest.mark.parametrize(("bounds", "count"), [((0, 2), 0), ((0, 3), 1), ((0, 30), 10), ((10, 20), 4), ((5, 5), 0)])
def test_count_primes_small_ranges(bounds: tuple[int, int], count: int) -> None:
    assert count_primes(bounds) == count


@pytest.mark.parametrize("bounds", [(-1, 10), (10, 5)])
def test_count_primes_refuses_bad_bounds(bounds: tuple[int, int]) -> None:
    with pytest.raises(ValueError, match="need 0 <= start <= stop"):
        count_primes(bounds)


def test_process_pool_agrees_with_one_process() -> None:
    chunks = [(0, 1000), (1000, 2000), (2000, 3000)]
    assert count_primes_in_processes(chunks) == [count_primes(c) for c in chunks] == [168, 135, 127]


def test_an_error_in_a_worker_process_reaches_the_caller() -> None:
    with pytest.raises(ValueError, match="need 0 <= start <= stop"):
        count_primes_in_processes([(0, 10), (10, 5)])



@pytest.mark.parametrize("start_method", ["fork", "forkserver", "spawn"])
def test_every_start_method_gives_the_same_counts(start_method: str) -> None:
    """spawn and forkserver workers import the module afresh; the function is found by name."""
    chunks = [(0, 100), (100, 200)]
    assert count_primes_in_processes(chunks, workers=2, start_method=start_method) == [25, 21]


def test_an_unknown_start_method_is_refused() -> None:
    with pytest.raises(ValueError, match="cannot find context for 'thread'"):
        count_primes_in_processes([(0, 10)], start_method="thread")


def test_a_function_that_cannot_be_pickled_fails_even_with_fork() -> None:
    """The pool pickles the function by name to send it to a worker, whatever the start method."""
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        future = pool.submit(lambda: 1)
        with pytest.raises((pickle.PicklingError, AttributeError), match="pickle"):
            future.result(timeout=30)
