"""node:cluster: one port shared by worker processes, a crash replaced, and nothing left running."""

from __future__ import annotations

import os
from pathlib import Path

from tests.language.node.node_programs import call_json


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_workers_share_one_port_and_the_primary_spreads_connections(
    node_build: Path,
) -> None:
    report = call_json(node_build, "cluster_port", "m.runCluster(3, 12)")
    assert isinstance(report, dict)
    assert len(set(report["ports"])) == 1 and len(report["ports"]) == 3
    assert len(report["answeredBy"]) == 12
    # Every answer came from a worker this primary forked, and more than one of them served.
    worker_names = {f"worker {pid}" for pid in report["workerPids"]}
    assert set(report["answeredBy"]) <= worker_names
    assert len(set(report["answeredBy"])) > 1


def test_a_killed_worker_is_replaced_on_the_same_port(node_build: Path) -> None:
    report = call_json(node_build, "cluster_port", "m.runCluster(2, 2)")
    assert isinstance(report, dict)
    first, second, spare = report["workerPids"]
    assert len({first, second, spare}) == 3  # the replacement is a new process
    assert report["replacementPort"] == report["ports"][0]
    assert report["answeredAfterCrash"] in {
        f"worker {second}",
        f"worker {spare}",
    }  # never the dead one


def test_no_worker_outlives_the_primary(node_build: Path) -> None:
    report = call_json(node_build, "cluster_port", "m.runCluster(2, 4)")
    assert isinstance(report, dict)
    assert not [pid for pid in report["workerPids"] if _alive(pid)]
