"""Reading /proc: the parser, its errors, and what the counters really count."""

from __future__ import annotations

import ctypes
import os
import resource
import signal
import threading
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.fundamentals.processes.proc_stats import (
    Switches,
    memory,
    parse_fields,
    switches,
    thread_ids,
    virtual_kib,
)

PROC_SELF = Path("/proc/self")
names = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=20)
values = st.text(alphabet="0123456789 kBabc\t", max_size=20).map(str.strip)


@given(st.dictionaries(names, values, max_size=20))
def test_parse_fields_reads_back_what_status_lines_hold(fields: dict[str, str]) -> None:
    text = "".join(f"{name}:\t{value}\n" for name, value in fields.items())
    assert parse_fields(text) == fields


def test_parse_fields_skips_the_address_line_of_smaps_rollup() -> None:
    text = "55f894f64000-7ffe84324000 ---p 00000000 00:00 0   [rollup]\nRss:  1696 kB\n"
    assert parse_fields(text) == {"Rss": "1696 kB"}


def test_switches_subtract_and_name_the_larger_kind() -> None:
    assert Switches(10, 3) - Switches(4, 1) == Switches(6, 2)
    assert Switches(5, 2).dominant() == "voluntary"
    assert Switches(1, 9).dominant() == "involuntary"
    assert Switches(0, 0).dominant() == "voluntary"  # a tie, as documented


def test_this_process_can_be_read() -> None:
    mine = memory()
    assert 0 < mine.private_kib <= mine.rss_kib
    assert virtual_kib() >= mine.rss_kib  # resident pages are a part of the reserved space
    assert threading.get_native_id() in thread_ids()
    assert switches().voluntary >= 0


@pytest.mark.parametrize("pid", [0, -1, "1; rm -rf /", 1.5, None])
def test_a_bad_pid_is_refused(pid: object) -> None:
    with pytest.raises(ValueError, match="pid must be a positive int or 'self'"):
        memory(pid)  # type: ignore[arg-type]


def test_a_process_that_is_gone_raises_process_lookup_error() -> None:
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)  # reaped: its /proc entry is gone
    with pytest.raises(ProcessLookupError, match=f"no process {pid}"):
        switches(pid)


def test_a_missing_field_names_the_field_and_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("examples.fundamentals.processes.proc_stats._read", lambda pid, name: "Name:\tx\n")
    with pytest.raises(ValueError, match="/proc/self/status has no 'voluntary_ctxt_switches' field"):
        switches()


def test_a_field_that_is_not_a_count_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Rss: lots kB\nPrivate_Clean: 1 kB\nPrivate_Dirty: 1 kB\n"
    monkeypatch.setattr("examples.fundamentals.processes.proc_stats._read", lambda pid, name: text)
    with pytest.raises(ValueError, match="'Rss' is not a count"):
        memory()


def test_status_counts_the_main_thread_only_and_getrusage_counts_them_all() -> None:
    """The page's warning: /proc/<pid>/status misses what other threads did."""

    def nap() -> None:
        for _ in range(100):
            time.sleep(0.001)

    before_status, before_usage = switches(), resource.getrusage(resource.RUSAGE_SELF).ru_nvcsw
    thread = threading.Thread(target=nap)
    thread.start()
    thread.join()
    status_grew = switches().voluntary - before_status.voluntary
    usage_grew = resource.getrusage(resource.RUSAGE_SELF).ru_nvcsw - before_usage
    assert usage_grew >= 100  # the thread's hundred sleeps are in the process total
    assert status_grew < 100  # and not in the main thread's line (it only waited in join)


def test_a_thread_has_its_own_status_file() -> None:
    seen: dict[str, Switches] = {}
    ready, done = threading.Event(), threading.Event()

    def nap() -> None:
        for _ in range(50):
            time.sleep(0.001)
        seen["mine"] = switches(tid=threading.get_native_id())
        ready.set()
        done.wait(10)

    thread = threading.Thread(target=nap)
    thread.start()
    assert ready.wait(10)
    assert seen["mine"].voluntary >= 50
    done.set()
    thread.join()


def _set_own_name(name: bytes) -> None:
    """prctl(PR_SET_NAME): the name the kernel shows in this thread's status file."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(15, ctypes.c_char_p(name), 0, 0, 0) != 0:  # 15 is PR_SET_NAME
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_NAME) failed")


@pytest.mark.parametrize("name", ["wörker".encode(), "工作".encode(), b"bad\xff\xfeutf8"])
def test_a_thread_with_a_name_that_is_not_ascii_can_be_read(name: bytes) -> None:
    """Review S5: the reader decoded status as ASCII and raised UnicodeDecodeError."""
    seen: dict[str, object] = {}

    def named() -> None:
        _set_own_name(name)
        tid = threading.get_native_id()
        seen["name"] = (PROC_SELF / "task" / str(tid) / "comm").read_bytes().rstrip(b"\n")
        seen["switches"] = switches(tid=tid)

    thread = threading.Thread(target=named)
    thread.start()
    thread.join(10)
    assert seen["name"] == name  # the kernel really holds the odd name
    assert isinstance(seen["switches"], Switches)


def test_a_process_whose_main_thread_has_a_non_ascii_name_can_be_read() -> None:
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child renames its only thread, then waits to be read
        os.close(read)
        (PROC_SELF / "comm").write_bytes("прокс".encode())
        os.write(write, b"1")
        time.sleep(10)
        os._exit(0)
    os.close(write)
    try:
        assert os.read(read, 1) == b"1"
        assert virtual_kib(pid) > 0 and memory(pid).rss_kib > 0
        assert switches(pid).voluntary >= 0
        assert parse_fields((PROC_SELF.parent / str(pid) / "status").read_bytes().decode())["Name"] == "прокс"
    finally:
        os.close(read)
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
