"""The dedup measurement: what the page's table claims, at the page's seed and at others."""

from __future__ import annotations

import pytest

from examples.system_design.file_storage.chunking import Chunk
from examples.system_design.file_storage.dedup_demo import (
    FILE_SIZE,
    UploadCost,
    edited_versions,
    measure,
    upload_cost,
)

FIXED, CDC = "fixed 8 KiB", "content-defined 8 KiB"
INSERT, MIDDLE, APPEND = "insert 100 B at 1 KB", "replace 100 B mid", "append 64 KiB"


@pytest.fixture(scope="module")
def results() -> dict[tuple[str, str], UploadCost]:
    return measure()


def test_fixed_chunks_dedupe_nothing_after_an_insert(results: dict) -> None:
    cost = results[FIXED, INSERT]
    assert cost.new_chunks == cost.chunks and cost.new_bytes == FILE_SIZE + 100


def test_fixed_chunks_lose_everything_after_a_length_changing_edit(results: dict) -> None:
    cost = results[FIXED, MIDDLE]
    assert cost.new_bytes == FILE_SIZE + 20 - FILE_SIZE // 2  # the second half and the tail


def test_cdc_uploads_about_one_average_chunk_per_local_edit(results: dict) -> None:
    for edit in (INSERT, MIDDLE):
        assert results[CDC, edit].new_chunks <= 2
        assert results[CDC, edit].share < 0.03


def test_an_append_costs_both_about_the_appended_bytes(results: dict) -> None:
    for chunker in (FIXED, CDC):
        assert 64 * 1024 <= results[chunker, APPEND].new_bytes < 64 * 1024 + 64 * 1024


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_finding_holds_at_other_seeds(seed: int) -> None:
    results = measure(seed=seed, size=256 * 1024)
    assert results[FIXED, INSERT].share == 1.0
    assert results[CDC, INSERT].share < 0.15
    assert results[CDC, MIDDLE].share < 0.15


def test_edits_are_what_their_names_say() -> None:
    files = edited_versions(seed=9, size=8192)
    base = files["original"]
    assert len(files[INSERT]) == len(base) + 100 and files[INSERT][:1000] == base[:1000]
    assert files[INSERT][1100:] == base[1000:]
    assert len(files[MIDDLE]) == len(base) + 20 and files[MIDDLE][-3000:] == base[-3000:]
    assert files[APPEND][: len(base)] == base and len(files[APPEND]) == len(base) + 65536
    assert edited_versions(seed=9, size=8192) == files  # one seed, same files


def test_upload_cost_counts_a_repeated_new_chunk_once() -> None:
    a, b = Chunk(0, 10, b"a" * 32), Chunk(10, 5, b"b" * 32)
    cost = upload_cost([a], [a, b, b])
    assert (cost.chunks, cost.new_chunks, cost.new_bytes, cost.file_bytes) == (3, 1, 5, 20)
    assert upload_cost([], []).share == 0.0


def test_too_small_a_file_is_refused() -> None:
    with pytest.raises(ValueError, match="size must be at least 4096 bytes, got 100"):
        edited_versions(size=100)


def test_the_benchmark_figures_the_page_quotes(monkeypatch: pytest.MonkeyPatch) -> None:
    from benchmarks.system_design import file_storage as bench
    from tests.support.example_files import DOCS_DIR

    monkeypatch.setattr(bench, "FILE_BYTES", 1024 * 1024)  # the full-size run, even under BENCH_QUICK
    page = (DOCS_DIR / "system-design" / "file-storage" / "index.md").read_text(encoding="utf-8")
    page = " ".join(page.split())
    (_, fixed_small, cdc_small), (_, fixed_big, cdc_big) = (bench.dedup_at(n) for n in bench.EDIT_SIZES)
    assert bench.EDIT_SIZES == (100, 100 * 1024)
    assert f"content-defined chunks uploaded {cdc_small:,} and {cdc_big:,} bytes" in page
    assert f"fixed chunks uploaded {fixed_small:,} and {fixed_big:,}" in page
