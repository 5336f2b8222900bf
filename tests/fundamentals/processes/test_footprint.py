"""Memory per unit: the readings' shape, the input checks, and the order the page states."""

from __future__ import annotations

import os
import resource

import pytest

from examples.fundamentals.processes.footprint import KINDS, measure, measure_fresh


@pytest.mark.parametrize(("kind", "count"), [("task", 0), ("thread", -1), ("fiber", 1), ("spawned", 1)])
def test_bad_requests_are_refused(kind: str, count: int) -> None:
    with pytest.raises(ValueError, match=r"kind must be one of|count must be >= 1"):
        measure(kind, count)


def test_cheapest_to_dearest_is_task_thread_fork_spawn() -> None:
    counts = {"task": 5_000, "thread": 100, "fork": 2, "spawn": 2}
    private = {kind: measure_fresh(kind, counts[kind]).private_kib for kind in KINDS}
    assert sorted(private, key=private.get) == ["task", "thread", "fork", "spawn"]


def test_a_thread_reserves_far_more_address_space_than_it_keeps_resident() -> None:
    thread = measure_fresh("thread", 50)
    assert thread.virtual_kib >= 8 * 1024 > 10 * thread.rss_kib  # an 8 MiB stack, barely touched


def test_a_forked_child_shares_most_of_its_resident_pages_with_its_parent() -> None:
    child = measure("fork", 2)
    assert child.private_kib < child.rss_kib / 2


def test_a_threads_address_space_is_its_stack_plus_malloc_arenas(monkeypatch: pytest.MonkeyPatch) -> None:
    """The page: VmSize per thread is the ulimit -s stack, plus arenas unless MALLOC_ARENA_MAX=1."""
    stack_kib = resource.getrlimit(resource.RLIMIT_STACK)[0] // 1024
    default = measure_fresh("thread", 50)
    monkeypatch.setenv("MALLOC_ARENA_MAX", "1")  # read by glibc in the spawned interpreter
    one_arena = measure_fresh("thread", 50)
    assert stack_kib <= one_arena.virtual_kib < stack_kib + 256  # the stack and its guard page
    assert default.virtual_kib > one_arena.virtual_kib + 512  # the arenas' reservations


def test_the_arenas_are_one_reservation_shared_by_every_thread() -> None:
    """The page: VmSize per thread depends on the count, as glibc stops at 8 arenas per CPU."""
    stack_kib = resource.getrlimit(resource.RLIMIT_STACK)[0] // 1024
    cpus = max(os.cpu_count() or 1, len(os.sched_getaffinity(0)))
    few = 8 * cpus + 8  # more threads than arenas glibc will make
    arenas = {n: n * (measure_fresh("thread", n).virtual_kib - stack_kib) for n in (few, 3 * few)}
    assert arenas[3 * few] < 1.25 * arenas[few]  # three times the threads, much the same arenas
    assert arenas[few] > 64 * 1024  # at least one 64 MiB arena besides the main one
