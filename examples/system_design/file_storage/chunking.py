"""Split a file into chunks: fixed-size, or content-defined with a gear hash.

A chunk is named by the SHA-256 of its bytes, so two chunks with the same bytes
have the same name wherever they occur. Fixed-size chunking cuts every `size`
bytes. Content-defined chunking cuts where a rolling hash of the last 64
bytes matches a pattern, so a cut follows the content: insert a byte and the
cuts after it move with the bytes instead of staying at the same offsets.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass

_MASK64 = (1 << 64) - 1


@dataclass(frozen=True)
class Chunk:
    """A piece of a file: where it starts, how long it is, and its content hash."""

    offset: int
    length: int
    digest: bytes  # SHA-256 of the chunk's bytes, 32 bytes

    @property
    def name(self) -> str:
        """The hash in hex: the key the chunk is stored under."""
        return self.digest.hex()


def _chunk(data: bytes, start: int, end: int) -> Chunk:
    return Chunk(start, end - start, hashlib.sha256(data[start:end]).digest())


def fixed_chunks(data: bytes, size: int) -> list[Chunk]:
    """Cut `data` every `size` bytes; the last chunk may be shorter."""
    if isinstance(size, bool) or not isinstance(size, int) or size < 1:
        raise ValueError(f"size must be a positive int, got {size!r}")
    return [
        _chunk(data, i, min(i + size, len(data))) for i in range(0, len(data), size)
    ]


@dataclass(frozen=True)
class CdcParams:
    """Minimum, target average and maximum chunk size, in bytes."""

    min_size: int = 2 * 1024
    avg_size: int = 8 * 1024
    max_size: int = 64 * 1024

    def __post_init__(self) -> None:
        for name in ("min_size", "avg_size", "max_size"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 64:
                raise ValueError(f"{name} must be an int of at least 64, got {value!r}")
        if not self.min_size < self.avg_size < self.max_size:
            raise ValueError(
                "need min_size < avg_size < max_size, got "
                f"{self.min_size}, {self.avg_size}, {self.max_size}"
            )
        if self.avg_size & (self.avg_size - 1):
            raise ValueError(f"avg_size must be a power of two, got {self.avg_size}")

    @property
    def bits(self) -> int:
        """log2(avg_size): a cut after k bits match comes every 2**k bytes."""
        return self.avg_size.bit_length() - 1


DEFAULT_PARAMS = CdcParams()  # 2 KiB / 8 KiB / 64 KiB


# --8<-- [start:gear]
def _gear_table() -> tuple[int, ...]:
    """256 fixed pseudo-random 64-bit values, one per byte value.

    Derived from SHA-256 rather than a seeded PRNG, so every client on every
    platform and Python version gets the same table, and so the same cuts.
    """
    return tuple(
        int.from_bytes(hashlib.sha256(b"gear" + bytes([b])).digest()[:8], "big")
        for b in range(256)
    )


GEAR = _gear_table()


def _top_bits_mask(bits: int) -> int:
    """A mask of the hash's `bits` highest bits.

    Each step shifts the hash left by one, so byte i-j's contribution starts at
    bit j: the top bits depend on the last 64 bytes, the low bits on only the
    last few. Testing the top bits gives every cut a 64-byte window.
    """
    return ((1 << bits) - 1) << (64 - bits)


def cdc_cuts(data: bytes, params: CdcParams = DEFAULT_PARAMS) -> Iterator[int]:
    """The end offset of each chunk, FastCDC-style.

    Skip the first min_size bytes of a chunk (no cut there), then look for a
    hash whose top bits are zero: two bits more than log2(avg) before the
    average size (cuts are rarer), two fewer after it (cuts come sooner).
    That "normalized chunking" narrows the spread of sizes. Cut at max_size
    whatever the hash says.
    """
    strict = _top_bits_mask(params.bits + 2)  # before avg_size: 4x rarer
    loose = _top_bits_mask(params.bits - 2)  # after avg_size: 4x likelier
    start, n = 0, len(data)
    while start < n:
        end = min(start + params.max_size, n)
        normal = min(start + params.avg_size, end)
        h, i = 0, min(start + params.min_size, end)
        cut = end
        while i < normal:
            h = ((h << 1) + GEAR[data[i]]) & _MASK64
            i += 1
            if not h & strict:
                cut = i
                break
        else:
            while i < end:
                h = ((h << 1) + GEAR[data[i]]) & _MASK64
                i += 1
                if not h & loose:
                    cut = i
                    break
        yield cut
        start = cut


# --8<-- [end:gear]


def cdc_chunks(data: bytes, params: CdcParams = DEFAULT_PARAMS) -> list[Chunk]:
    """Content-defined chunks of `data`, each with its SHA-256."""
    chunks, start = [], 0
    for end in cdc_cuts(data, params):
        chunks.append(_chunk(data, start, end))
        start = end
    return chunks


def reassemble(data_by_name: dict[str, bytes], chunks: list[Chunk]) -> bytes:
    """Concatenate chunk bodies in order: what a downloading client does."""
    return b"".join(data_by_name[c.name] for c in chunks)
