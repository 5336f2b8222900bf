"""Threads share one address space; a forked process gets its own copy.

A write made by a thread is seen by every other thread at once. A child made
by fork() starts with the parent's memory, shared page by page until either
side writes (copy-on-write); after that, its writes stay its own. In CPython
even reading an object writes to it (its reference count), so a child that
only reads inherited objects still copies the pages they live on.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable

from examples.fundamentals.processes.children import result_from, started
from examples.fundamentals.processes.proc_stats import memory, thread_ids

TIMEOUT_S = 60


def in_child(work: Callable[[], object]) -> object:
    """Run `work` in a forked child and return what it returns."""
    context = multiprocessing.get_context("fork")  # the child inherits `work` as is
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=lambda: send.send(work()))
    with receive, send, started([child]):
        return result_from(receive, [child], TIMEOUT_S)


def who_am_i() -> dict[str, object]:
    tid = threading.get_native_id()
    return {"pid": os.getpid(), "tid": tid, "listed": tid in thread_ids()}


# --8<-- [start:share]
def write_in_thread() -> tuple[list[str], dict[str, object]]:
    """A thread appends to a list; the parent then reads the same list."""
    seen: list[str] = []
    ids: dict[str, object] = {}

    def work() -> None:
        seen.append("written")
        ids.update(who_am_i())

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(TIMEOUT_S)
    return seen, ids


def write_in_child() -> tuple[list[str], dict[str, object]]:
    """A forked child appends to its copy of the list; the parent's is untouched."""
    seen: list[str] = []

    def work() -> dict[str, object]:
        seen.append("written")
        return who_am_i()

    return seen, in_child(work)


# --8<-- [end:share]


# --8<-- [start:cow]
def copied_by_reading(values: list[int]) -> int:
    """KiB a forked child stops sharing with its parent by only reading `values`."""

    def read_all() -> int:
        before = memory().private_kib
        total = 0
        for value in values:  # each access bumps the object's reference count
            total += value
        return memory().private_kib - before

    return in_child(read_all)


# --8<-- [end:cow]

# --8<-- [start:demo]
if __name__ == "__main__":
    seen, thread = write_in_thread()
    print("parent sees the thread's write:", seen == ["written"])
    #> parent sees the thread's write: True
    print("thread runs in the parent's process:", thread["pid"] == os.getpid())
    #> thread runs in the parent's process: True
    print("with a thread id of its own:", thread["tid"] != threading.get_native_id())
    #> with a thread id of its own: True
    print("listed in /proc/<pid>/task:", thread["listed"])
    #> listed in /proc/<pid>/task: True
    seen, child = write_in_child()
    print("parent sees the child's write:", seen == ["written"])
    #> parent sees the child's write: False
    print("child is another process:", child["pid"] != os.getpid())
    #> child is another process: True
    values = list(range(1_000, 201_000))  # 200,000 int objects, about 6 MiB
    print("reading them copied over 2 MiB:", copied_by_reading(values) > 2 * 1024)
    #> reading them copied over 2 MiB: True
# --8<-- [end:demo]
