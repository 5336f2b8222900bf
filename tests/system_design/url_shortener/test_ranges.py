"""Counter ranges on the real PostgreSQL: contiguous, disjoint blocks, even under concurrency."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from examples.scratch_postgres import connect, scratch_schema
from examples.system_design.url_shortener.base62 import decode
from examples.system_design.url_shortener.ranges import (
    FIRST_NUMBER,
    RangeAllocator,
    RangeCodes,
    create_ranges_table,
)


@pytest.fixture
def schema(postgres_dsn: str) -> Iterator[str]:
    with scratch_schema("ex_ranges", postgres_dsn) as name:
        with connect(name, postgres_dsn) as conn:
            create_ranges_table(conn)
        yield name


@pytest.fixture
def allocator(schema: str, postgres_dsn: str) -> RangeAllocator:
    return RangeAllocator(lambda: connect(schema, postgres_dsn))


def test_blocks_follow_each_other_from_the_first_number(allocator: RangeAllocator) -> None:
    assert allocator.allocate(10) == range(FIRST_NUMBER, FIRST_NUMBER + 10)
    assert allocator.allocate(5) == range(FIRST_NUMBER + 10, FIRST_NUMBER + 15)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sizes=st.lists(st.integers(min_value=1, max_value=10_000), min_size=1, max_size=8))
def test_blocks_match_a_running_sum(allocator: RangeAllocator, sizes: list[int]) -> None:
    start = allocator.allocate(1).stop  # wherever earlier examples left the counter
    for size in sizes:
        assert allocator.allocate(size) == range(start, start + size)
        start += size


def test_creating_the_table_twice_keeps_the_counter(schema: str, postgres_dsn: str, allocator: RangeAllocator) -> None:
    allocator.allocate(100)
    with connect(schema, postgres_dsn) as conn:
        create_ranges_table(conn)
    assert allocator.allocate(1)[0] == FIRST_NUMBER + 100


def test_one_block_serves_many_codes(allocator: RangeAllocator) -> None:
    codes = RangeCodes(allocator, block_size=100)
    made = [codes.next_code() for _ in range(250)]
    assert codes.blocks_taken == 3
    assert [decode(c) for c in made] == list(range(FIRST_NUMBER, FIRST_NUMBER + 250))
    assert all(len(c) == 7 for c in made)


def test_a_restarted_server_leaves_a_gap_never_a_repeat(allocator: RangeAllocator) -> None:
    before = RangeCodes(allocator, block_size=50)
    first = [before.next_code() for _ in range(3)]
    after = RangeCodes(allocator, block_size=50)  # the old one "crashed"
    assert decode(after.next_code()) == decode(first[0]) + 50


def test_concurrent_servers_and_threads_never_share_a_code(allocator: RangeAllocator) -> None:
    servers = [RangeCodes(allocator, block_size=7) for _ in range(4)]

    def make(server: RangeCodes) -> list[str]:
        return [server.next_code() for _ in range(200)]

    with ThreadPoolExecutor(max_workers=8) as pool:
        # two threads per server: the lock inside RangeCodes is exercised too
        batches = list(pool.map(make, servers * 2))
    made = [code for batch in batches for code in batch]
    assert len(made) == len(set(made)) == 1_600


def test_a_missing_counter_row_is_a_clear_error(postgres_dsn: str) -> None:
    with scratch_schema("ex_ranges", postgres_dsn) as name:
        with connect(name, postgres_dsn) as conn:
            create_ranges_table(conn)
            conn.execute("DELETE FROM code_ranges")
        with pytest.raises(LookupError, match="no counter row"):
            RangeAllocator(lambda: connect(name, postgres_dsn)).allocate(1)


@pytest.mark.parametrize("size", [0, -3, 1.5, True])
def test_a_bad_block_size_is_refused(allocator: RangeAllocator, size: object) -> None:
    with pytest.raises(ValueError, match="size must be a positive int"):
        allocator.allocate(size)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        RangeCodes(allocator, block_size=0)
