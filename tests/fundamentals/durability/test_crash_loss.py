"""examples/fundamentals/durability/crash_loss.py and wal_bytes.py on a scratch cluster."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from examples.fundamentals.durability.crash_loss import CRASH_SETTINGS, commit_then_crash
from examples.fundamentals.durability.scratch_cluster import ScratchCluster, scratch_cluster
from examples.fundamentals.durability.wal_bytes import wal_bytes_per_transaction
from tests.support.servers import require_tools

ROWS = 60


@pytest.fixture(scope="module")
def cluster() -> Iterator[ScratchCluster]:
    require_tools("initdb", "pg_ctl", "runuser")
    with scratch_cluster(CRASH_SETTINGS) as started:
        yield started


def test_async_commits_acknowledged_while_the_wal_writer_is_paused_are_lost(
    cluster: ScratchCluster,
) -> None:
    result = commit_then_crash(cluster, "off", ROWS)
    assert result.acknowledged == ROWS
    assert 0 < result.lost <= ROWS
    assert result.prefix  # recovery stops at the end of the WAL: no gaps


@pytest.mark.parametrize("mode", ["on", "local"])
def test_synchronous_commits_all_survive_the_same_crash(
    cluster: ScratchCluster, mode: str
) -> None:
    result = commit_then_crash(cluster, mode, ROWS)
    assert (result.acknowledged, result.survived, result.prefix) == (ROWS, ROWS, True)


def test_the_walwriter_is_running_again_after_each_crash(cluster: ScratchCluster) -> None:
    commit_then_crash(cluster, "off", 5)
    with cluster.connect() as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'walwriter'"
        ).fetchone()
    assert row == (1,)


@pytest.mark.parametrize("mode", ["remote_apply", "OFF", ""])
def test_an_unknown_mode_is_refused(cluster: ScratchCluster, mode: str) -> None:
    with pytest.raises(ValueError, match="synchronous_commit must be one of"):
        commit_then_crash(cluster, mode, 1)


def test_more_rows_write_more_wal(cluster: ScratchCluster) -> None:
    one = wal_bytes_per_transaction(cluster, 1)
    ten = wal_bytes_per_transaction(cluster, 10)
    hundred = wal_bytes_per_transaction(cluster, 100)
    assert 0 < one < ten < hundred
    assert one < 1024


def test_a_transaction_needs_a_row(cluster: ScratchCluster) -> None:
    with pytest.raises(ValueError, match="rows must be at least 1"):
        wal_bytes_per_transaction(cluster, 0)
