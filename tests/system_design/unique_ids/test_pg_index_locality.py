"""Index locality: the key orders themselves, then what PostgreSQL's B-tree makes of them."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import psycopg
import pytest

from examples.server_settings import postgres_dsn
from examples.system_design.unique_ids.pg_index_locality import (
    appends_at_right_edge,
    inspect,
    load,
    scratch_database,
    shapes,
    v4_keys,
    v7_fleet_keys,
    v7_keys,
)
from tests.support.servers import require_server


def test_appends_counts_new_maximums() -> None:
    assert appends_at_right_edge([1, 2, 3, 4]) == 1.0
    assert appends_at_right_edge([4, 3, 2, 1]) == 0.25
    assert appends_at_right_edge([1, 3, 2, 4]) == 0.75
    with pytest.raises(ValueError, match="at least one key"):
        appends_at_right_edge([])


def test_the_key_makers_are_repeatable_and_well_formed() -> None:
    assert v7_keys(100) == v7_keys(100)
    assert v4_keys(100) == v4_keys(100)
    assert all(k.version == 4 and k.variant == uuid.RFC_4122 for k in v4_keys(100))
    one_server = v7_keys(1_000)
    assert one_server == sorted(one_server)
    fleet = v7_fleet_keys(1_000)
    assert fleet != sorted(fleet) and len(set(fleet)) == 1_000


@pytest.fixture(scope="module")
def measured() -> Iterator[dict]:
    require_server("postgres")  # module-scoped, so not the function-scoped postgres_dsn fixture
    with scratch_database(postgres_dsn()) as conn:
        yield shapes(conn, 20_000, last=100)


def test_ordered_keys_append_and_random_keys_spread(measured: dict) -> None:
    for kind in ("bigint identity", "UUIDv7"):
        shape, share = measured[kind]
        assert share == 1.0
        assert shape.leaves_for_last <= 2
        assert shape.avg_leaf_density >= 85  # right-edge splits leave pages 90% full
    shape, share = measured["UUIDv4"]
    assert share < 0.01
    assert shape.leaves_for_last >= 0.5 * min(100, shape.leaf_pages)
    assert shape.avg_leaf_density < 80


def test_random_keys_need_more_leaves_for_the_same_count(measured: dict) -> None:
    leaves = {kind: shape.leaf_pages for kind, (shape, _) in measured.items()}
    assert leaves["bigint identity"] < leaves["UUIDv7"] < leaves["UUIDv4"]  # 8-byte keys first


def test_a_fleet_of_skewed_clocks_stays_local_but_fills_leaves_less(measured: dict) -> None:
    shape, share = measured["UUIDv7, 8 servers"]
    assert share < 0.5
    assert shape.leaves_for_last <= 5
    assert shape.avg_leaf_density < measured["UUIDv7"][0].avg_leaf_density


def test_a_fleet_with_equal_clocks_keeps_leaves_full(postgres_dsn: str) -> None:
    with scratch_database(postgres_dsn) as conn:
        load(conn, "fleet", v7_fleet_keys(20_000, skew_ms=0))
        assert inspect(conn, "fleet", last=100).avg_leaf_density >= 85


def test_the_scratch_database_is_dropped(postgres_dsn: str) -> None:
    with scratch_database(postgres_dsn) as conn:
        name = conn.info.dbname
    with psycopg.connect(postgres_dsn, connect_timeout=5) as admin:
        row = admin.execute("SELECT count(*) FROM pg_database WHERE datname = %s", (name,)).fetchone()
    assert row == (0,)
