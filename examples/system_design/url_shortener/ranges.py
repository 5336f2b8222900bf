"""Counter ranges: one PostgreSQL row hands each app server a block of numbers.

A server asks the database once per block, not once per link: one UPDATE
moves the counter past the block and returns where the block starts. The row
lock makes concurrent requests take turns, so blocks never overlap. A server
that dies loses the rest of its block; that leaves a gap, never a duplicate.
"""

# requires-server: postgres

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import AbstractContextManager

import psycopg

from examples.system_design.url_shortener.base62 import BASE, encode

Connect = Callable[[], AbstractContextManager[psycopg.Connection]]
# Start at 62**6 so that every code has 7 characters until 62**7 is reached.
FIRST_NUMBER = BASE**6


# --8<-- [start:allocator]
def create_ranges_table(conn: psycopg.Connection, first: int = FIRST_NUMBER) -> None:
    """The counter table, with one row for the link codes starting at `first`."""
    conn.execute(
        """
        CREATE TABLE IF NOT EXISTS code_ranges (
            name       text PRIMARY KEY,
            next_start bigint NOT NULL CHECK (next_start >= 0)
        )
        """
    )
    conn.execute(
        "INSERT INTO code_ranges (name, next_start) VALUES ('links', %s)"
        " ON CONFLICT (name) DO NOTHING",
        (first,),
    )


class RangeAllocator:
    """Hands out disjoint blocks of numbers from the counter row."""

    def __init__(self, connect: Connect) -> None:
        self._connect = connect

    def allocate(self, size: int) -> range:
        """Reserve the next `size` numbers; committed before they are used."""
        if isinstance(size, bool) or not isinstance(size, int) or size < 1:
            raise ValueError(f"size must be a positive int, got {size!r}")
        with self._connect() as conn:
            row = conn.execute(
                "UPDATE code_ranges SET next_start = next_start + %(size)s"
                " WHERE name = 'links' RETURNING next_start - %(size)s",
                {"size": size},
            ).fetchone()
        if row is None:
            raise LookupError("no counter row: run create_ranges_table first")
        return range(row[0], row[0] + size)


class RangeCodes:
    """One app server's code source: numbers from its block, a new block when empty."""

    def __init__(self, allocator: RangeAllocator, block_size: int = 1_000) -> None:
        if block_size < 1:
            raise ValueError(f"block_size must be at least 1, got {block_size}")
        self._allocator = allocator
        self._block_size = block_size
        self._block = range(0)
        self._lock = threading.Lock()  # request threads share one source
        self.blocks_taken = 0

    def next_code(self) -> str:
        """The next unused code; one database call per `block_size` codes."""
        with self._lock:
            if not self._block:
                self._block = self._allocator.allocate(self._block_size)
                self.blocks_taken += 1
            number, self._block = self._block[0], self._block[1:]
        return encode(number)


# --8<-- [end:allocator]


if __name__ == "__main__":
    from examples.scratch_postgres import connect, scratch_schema

    with scratch_schema("ex_ranges") as schema:
        with connect(schema) as setup:
            create_ranges_table(setup)
        allocator = RangeAllocator(lambda: connect(schema))
        # --8<-- [start:demo]
        server_a = RangeCodes(allocator, block_size=1_000)
        server_b = RangeCodes(allocator, block_size=1_000)
        print("a:", [server_a.next_code() for _ in range(3)])
        #> a: ['1000000', '1000001', '1000002']
        print("b:", [server_b.next_code() for _ in range(3)])
        #> b: ['10000G8', '10000G9', '10000GA']
        # Server a crashes; its replacement takes a fresh block.
        server_a = RangeCodes(allocator, block_size=1_000)
        print("a after restart:", server_a.next_code())
        #> a after restart: 10000WG
        for _ in range(2_500):
            server_b.next_code()
        print("b made 2,503 codes with", server_b.blocks_taken, "database calls")
        #> b made 2,503 codes with 3 database calls
        # --8<-- [end:demo]
