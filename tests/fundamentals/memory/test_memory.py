"""Pages fault in on touch, PSS splits shared pages, DONTNEED evicts one file, limits fail fast."""

from __future__ import annotations

import mmap
from pathlib import Path

import pytest

from examples.fundamentals.memory import mapped_file, out_of_memory, page_cache, pages, rss_pss
from tests.support.servers import require_tools

MIB = 1 << 20


def test_rss_grows_only_with_touched_pages() -> None:
    with mmap.mmap(-1, 8 * MIB, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS) as buffer:
        mapped = pages.snapshot()
        pages.touch(buffer, 1024)  # 4 MiB
        touched = pages.snapshot()
    assert 3 * 1024 <= touched.vm_rss_kib - mapped.vm_rss_kib <= 5 * 1024
    assert touched.minor_faults - mapped.minor_faults >= 1024


def test_touch_refuses_pages_past_the_end() -> None:
    with mmap.mmap(-1, pages.PAGE) as buffer, pytest.raises(ValueError, match=r"0\.\.1"):
        pages.touch(buffer, 2)


def test_pss_counts_half_of_pages_shared_with_one_child() -> None:
    alone, shared = rss_pss.shared_in_child(16 * MIB)
    assert alone == (16 * 1024, 16 * 1024) and shared == (16 * 1024, 8 * 1024)


def test_dontneed_evicts_the_file_and_reading_brings_it_back(tmp_path: Path) -> None:
    require_tools("fincore")
    path = tmp_path / "f.bin"
    page_cache.write_file(path, 1 * MIB)
    page_cache.evict(path)
    assert page_cache.resident_pages(path) == 0
    assert page_cache.major_faults_reading(path) > 0
    assert page_cache.resident_pages(path) == MIB // page_cache.PAGE
    assert page_cache.major_faults_reading(path) == 0


def test_another_process_sees_a_store_into_a_shared_mapping(tmp_path: Path) -> None:
    path = tmp_path / "s.txt"
    path.write_bytes(b"aaaa")
    with open(path, "r+b") as file, mmap.mmap(file.fileno(), 0) as shared:
        shared[0:2] = b"zz"
        assert mapped_file.read_in_another_process(path) == "zzaa"


def test_a_limited_child_gets_memory_error_and_exits_3() -> None:
    code, lines = out_of_memory.run_limited_child(256 * MIB)
    assert code == 3 and lines[-1] == "child: MemoryError, cleaning up"


def test_a_limit_too_small_for_an_interpreter_is_refused() -> None:
    with pytest.raises(ValueError, match="64 MiB"):
        out_of_memory.run_limited_child(MIB)


def test_heuristic_mode_accepts_up_to_ram_plus_swap_and_refuses_past_it() -> None:
    if out_of_memory.overcommit_mode() != 0:
        pytest.skip("vm.overcommit_memory is not 0 here")
    limit = out_of_memory.heuristic_limit_bytes()
    assert out_of_memory.try_reserve(limit - 64 * MIB) == "reserved"
    assert out_of_memory.try_reserve(limit + 64 * MIB).startswith("refused")


def test_an_unknown_meminfo_field_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="no NoSuchField"):
        out_of_memory.meminfo_bytes("NoSuchField")


def test_a_child_that_fails_before_reading_is_reported_and_never_returns_into_pytest(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import os

    parent = os.getpid()
    real_write = os.write

    def write_failing_in_child(fd: int, data: bytes) -> int:
        if os.getpid() != parent:
            raise OSError("injected failure in the child")
        return real_write(fd, data)

    monkeypatch.setattr(rss_pss.os, "write", write_failing_in_child)
    try:
        with pytest.raises(RuntimeError, match="child"):
            rss_pss.shared_in_child(MIB)
    finally:
        if os.getpid() != parent:  # the old code let the child run on inside pytest
            os._exit(99)
