"""examples/fundamentals/durability/scratch_cluster.py: a real cluster, crashed and gone afterwards."""

from __future__ import annotations

import os
import signal
import socket
from pathlib import Path

import psycopg
import pytest

from examples.fundamentals.durability import scratch_cluster as module
from examples.fundamentals.durability.scratch_cluster import ScratchCluster, _alive, scratch_cluster
from tests.support.servers import require_tools


def test_alive_tells_a_running_process_from_a_missing_one() -> None:
    assert _alive(os.getpid())
    assert not _alive(2**22 + 1)  # above pid_max's ceiling: never a process


@pytest.fixture(autouse=True)
def _postgres_binaries() -> None:
    require_tools("initdb", "pg_ctl", "runuser")


def test_the_cluster_serves_its_own_port_and_leaves_no_folder() -> None:
    with scratch_cluster({"wal_writer_delay": "'300ms'"}) as cluster:
        root = cluster.data.parent
        assert cluster.port != 5432
        with cluster.connect() as conn:
            assert conn.execute("SHOW wal_writer_delay").fetchone() == ("300ms",)
            assert conn.execute("SHOW fsync").fetchone() == ("on",)
            assert conn.execute("SHOW port").fetchone() == (str(cluster.port),)
    assert not root.exists()
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(cluster.dsn, connect_timeout=2).close()


def test_an_error_in_the_body_still_stops_and_removes_the_cluster() -> None:
    seen: list[ScratchCluster] = []
    with pytest.raises(RuntimeError, match="boom"), scratch_cluster() as cluster:
        seen.append(cluster)
        raise RuntimeError("boom")
    assert not seen[0].data.parent.exists()
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(seen[0].dsn, connect_timeout=2).close()


def test_crash_kills_every_server_process_and_start_recovers() -> None:
    with scratch_cluster() as cluster:
        old = cluster.postmaster_pid()
        with cluster.connect() as conn:
            conn.execute("CREATE TABLE t (x int)")
            conn.execute("INSERT INTO t VALUES (1)")
            children = [pid for (pid,) in conn.execute(
                "SELECT pid FROM pg_stat_activity WHERE backend_type <> 'client backend'")]
        cluster.crash()
        assert children
        assert not any(_alive(pid) for pid in [old, *children])
        with pytest.raises(psycopg.OperationalError):
            psycopg.connect(cluster.dsn, connect_timeout=2).close()
        cluster.start()
        assert cluster.postmaster_pid() != old
        log = (cluster.data.parent / "server.log").read_text()
        assert "was not properly shut down; automatic recovery in progress" in log
        with cluster.connect() as conn:
            assert conn.execute("SELECT x FROM t").fetchall() == [(1,)]  # synchronous commit


@pytest.mark.parametrize("options", [{"work_mem": "1MB -c fsync=off"}, {"Bad-Name": "1"}])
def test_connect_refuses_settings_that_would_smuggle_more_options(options: dict[str, str]) -> None:
    cluster = ScratchCluster(Path("/nonexistent"), 1)
    with pytest.raises(ValueError, match="bad setting"):
        cluster.connect(**options)


def test_a_frozen_server_is_killed_on_the_way_out_not_left_behind() -> None:
    with scratch_cluster() as cluster:
        postmaster = cluster.postmaster_pid()
        os.kill(postmaster, signal.SIGSTOP)  # ignores pg_ctl's SIGQUIT from now on
    assert not _alive(postmaster)
    assert not cluster.data.parent.exists()


def test_a_port_taken_after_it_was_picked_is_replaced(monkeypatch: pytest.MonkeyPatch) -> None:
    """_free_port() closes its probe; another process may bind the port before us."""
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        taken = squatter.getsockname()[1]
        ports = iter([taken])
        real = module._free_port
        monkeypatch.setattr(module, "_free_port", lambda: next(ports, None) or real())
        with scratch_cluster() as cluster:
            assert cluster.port != taken
            with cluster.connect() as conn:
                assert conn.execute("SHOW port").fetchone() == (str(cluster.port),)
