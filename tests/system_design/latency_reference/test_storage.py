"""The disk probes on a real file: what they read and write, and what they leave behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from examples.system_design.latency_reference.storage import (
    CHUNK,
    PAGE,
    appends_with_fsync,
    random_reads,
    scratch_file,
    sequential_read,
)
from tests.support.ci import running_under_ci


def test_the_scratch_file_has_the_size_asked_and_is_deleted_after(tmp_path: Path) -> None:
    with scratch_file(tmp_path, 2 * CHUNK) as path:
        assert path.parent == tmp_path
        assert path.stat().st_size == 2 * CHUNK
        first = path.read_bytes()[:64]
    assert not path.exists()
    with scratch_file(tmp_path, CHUNK) as again:
        assert again.read_bytes()[:64] == first, "seeded bytes are the same every run"
    assert list(tmp_path.iterdir()) == []


def test_the_scratch_file_is_deleted_when_the_body_fails(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match="boom"), scratch_file(tmp_path, CHUNK):
        raise RuntimeError("boom")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("size", [0, CHUNK - 1, CHUNK + PAGE])
def test_sizes_that_are_not_whole_chunks_are_refused(tmp_path: Path, size: int) -> None:
    with pytest.raises(ValueError, match="multiple"), scratch_file(tmp_path, size):
        pass
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("direct", [False, True], ids=["page cache", "O_DIRECT"])
def test_reads_work_through_the_page_cache_and_around_it(tmp_path: Path, direct: bool) -> None:
    with scratch_file(tmp_path, 2 * CHUNK) as path:
        try:
            assert sequential_read(path, direct) > 0
        except RuntimeError as error:  # tmpfs and some others refuse O_DIRECT
            if running_under_ci():  # CI's temp folder is on a disk that takes it
                raise
            pytest.skip(str(error))
        times = random_reads(path, direct, count=20, seed=1)
        assert len(times) == 20 and all(isinstance(t, int) and t > 0 for t in times)


def test_each_fsync_append_is_timed_and_no_file_is_left_behind(tmp_path: Path) -> None:
    times = appends_with_fsync(tmp_path, count=3)
    assert len(times) == 3 and all(isinstance(t, int) and t > 0 for t in times)
    assert list(tmp_path.iterdir()) == []


def test_counts_below_one_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="count"):
        appends_with_fsync(tmp_path, 0)
    with scratch_file(tmp_path, CHUNK) as path, pytest.raises(ValueError, match="count"):
        random_reads(path, False, 0, seed=1)
