"""Chunkers: chunks reassemble the input, sizes stay in bounds, content-defined cuts follow content."""

from __future__ import annotations

import hashlib
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.system_design.file_storage.chunking import (
    GEAR,
    CdcParams,
    Chunk,
    cdc_chunks,
    cdc_cuts,
    fixed_chunks,
    reassemble,
)

# Small sizes so that hypothesis's inputs of a few KB cross many boundaries.
SMALL = CdcParams(min_size=64, avg_size=256, max_size=1024)
data_st = st.binary(max_size=8_000)
params_st = st.sampled_from([SMALL, CdcParams(128, 512, 2048), CdcParams(64, 128, 4096)])


def bodies(data: bytes, chunks: list[Chunk]) -> dict[str, bytes]:
    return {c.name: data[c.offset : c.offset + c.length] for c in chunks}


def check_tiling(data: bytes, chunks: list[Chunk]) -> None:
    """Chunks cover the data end to end, in order, and each hash is its bytes' SHA-256."""
    offset = 0
    for c in chunks:
        assert c.offset == offset and c.length > 0
        assert c.digest == hashlib.sha256(data[c.offset : c.offset + c.length]).digest()
        offset += c.length
    assert offset == len(data)
    assert reassemble(bodies(data, chunks), chunks) == data


@settings(max_examples=150, deadline=None)
@given(data=data_st, params=params_st)
def test_cdc_chunks_reassemble_exactly_and_respect_min_and_max(data: bytes, params: CdcParams) -> None:
    chunks = cdc_chunks(data, params)
    check_tiling(data, chunks)
    for c in chunks[:-1]:  # the last chunk is whatever is left
        assert params.min_size <= c.length <= params.max_size
    if chunks:
        assert chunks[-1].length <= params.max_size


@settings(max_examples=150, deadline=None)
@given(data=data_st, size=st.integers(min_value=1, max_value=3000))
def test_fixed_chunks_reassemble_exactly_and_are_all_full_but_the_last(data: bytes, size: int) -> None:
    chunks = fixed_chunks(data, size)
    check_tiling(data, chunks)
    assert all(c.length == size for c in chunks[:-1])
    assert len(chunks) == -(-len(data) // size)


@settings(max_examples=100, deadline=None)
@given(data=data_st, params=params_st)
def test_cdc_cuts_are_deterministic_and_restart_at_every_cut(data: bytes, params: CdcParams) -> None:
    cuts = list(cdc_cuts(data, params))
    assert list(cdc_cuts(bytes(bytearray(data)), params)) == cuts  # same bytes, same cuts
    # A cut depends only on the bytes since the previous cut: chunking from any
    # cut onward finds the same later cuts. That is why cuts re-synchronize.
    for start in cuts[:-1]:
        tail = [start + c for c in cdc_cuts(data[start:], params)]
        assert tail == [c for c in cuts if c > start]


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(min_value=0, max_value=10**6),
    at=st.integers(min_value=0, max_value=20_000),
    inserted=st.binary(min_size=1, max_size=200),
)
def test_after_an_insert_cdc_needs_only_chunks_near_it(seed: int, at: int, inserted: bytes) -> None:
    data = random.Random(seed).randbytes(30_000)  # noqa: S311 -- repeatable data
    edited = data[:at] + inserted + data[at:]
    old = {c.digest for c in cdc_chunks(data, SMALL)}
    new = [c for c in cdc_chunks(edited, SMALL) if c.digest not in old]
    # New chunks form one run that covers the insert: everything else deduplicates.
    assert new
    first, last = new[0].offset, new[-1].offset + new[-1].length
    assert first <= at and at + len(inserted) <= last
    assert sum(c.length for c in new) == last - first


def test_fixed_chunks_shift_after_an_insert_but_survive_an_overwrite() -> None:
    data = random.Random(1).randbytes(64 * 1024)  # noqa: S311 -- repeatable data
    old = {c.digest for c in fixed_chunks(data, 4096)}
    inserted = data[:100] + b"x" + data[100:]
    overwritten = data[:100] + b"x" + data[101:]
    assert all(c.digest not in old for c in fixed_chunks(inserted, 4096))
    assert sum(c.digest not in old for c in fixed_chunks(overwritten, 4096)) == 1


def test_chunk_sizes_center_on_the_average() -> None:
    data = random.Random(5).randbytes(1 << 20)  # noqa: S311 -- repeatable data
    sizes = [c.length for c in cdc_chunks(data)][:-1]
    mean = sum(sizes) / len(sizes)
    assert 0.75 * 8192 < mean < 1.5 * 8192
    assert min(sizes) >= 2048 and max(sizes) <= 64 * 1024


def test_gear_table_is_256_distinct_64_bit_values() -> None:
    assert len(GEAR) == 256 == len(set(GEAR))
    assert all(0 <= g < 2**64 for g in GEAR)
    assert GEAR[0] == int.from_bytes(hashlib.sha256(b"gear\x00").digest()[:8], "big")


def test_empty_input_has_no_chunks() -> None:
    assert cdc_chunks(b"") == [] == fixed_chunks(b"", 10)


@pytest.mark.parametrize("size", [0, -1, True, 1.5, "8"])
def test_fixed_size_must_be_a_positive_int(size: object) -> None:
    with pytest.raises(ValueError, match="size must be a positive int"):
        fixed_chunks(b"abc", size)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("sizes", "message"),
    [
        ((4096, 4096, 8192), "need min_size < avg_size < max_size"),
        ((1024, 8192, 4096), "need min_size < avg_size < max_size"),
        ((1024, 3000, 8192), "avg_size must be a power of two"),
        ((32, 256, 1024), "min_size must be an int of at least 64"),
        ((64, 256.0, 1024), "avg_size must be an int of at least 64"),
    ],
)
def test_cdc_params_refuse_impossible_sizes(sizes: tuple, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        CdcParams(*sizes)
