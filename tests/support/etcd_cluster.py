"""The etcd cluster the tests start: examples/system_design/consensus/local_cluster.py.

tests/support/provisioned.py calls start() here for the shared cluster that
examples marked `# requires-server: etcd` reach through
examples/server_settings.py etcd_endpoints(); the fault tests call it for
clusters of their own. The one difference from the example module: a missing
etcd binary raises provisioned.Unavailable, which the tests turn into a skip
(locally) or a failure (under CI).
"""

from __future__ import annotations

from examples.system_design.consensus import local_cluster
from examples.system_design.consensus.local_cluster import (
    Cluster,
    ClusterError,
    EtcdNotInstalled,
    Member,
    PeerProxy,
    dialing_pid,
    member_status,
)
from tests.support.provisioned import Unavailable


def start(default_ports: bool = False, partitionable: bool = False) -> Cluster:
    """local_cluster.start(), with a missing binary reported as Unavailable."""
    try:
        return local_cluster.start(default_ports=default_ports, partitionable=partitionable)
    except EtcdNotInstalled as error:
        raise Unavailable(str(error)) from error


__all__ = ["Cluster", "ClusterError", "Member", "PeerProxy", "dialing_pid", "member_status", "start"]
