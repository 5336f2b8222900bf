"""A three-member etcd cluster of this folder's own, for the tests that kill members or cut them off.

The shared cluster (the `etcd_endpoints` fixture) is read by other examples at
the same time, so the fault tests start their own here, with peer proxies so
that they can partition it too. Each test leaves it whole again (healed, every
member running); the teardown stops it and checks that nothing it started is
left: no etcd process, no proxy thread, no data.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.ci import running_under_ci
from tests.support.etcd_cluster import Cluster, start
from tests.support.provisioned import Unavailable


@pytest.fixture(scope="module")
def own_cluster() -> Iterator[Cluster]:
    try:
        cluster = start(partitionable=True)
    except Unavailable as error:
        if running_under_ci():
            pytest.fail(f"etcd could not be started: {error}; under CI a missing server is a failure", pytrace=False)
        pytest.skip(f"etcd could not be started: {error}")
    try:
        yield cluster
    finally:
        cluster.stop()
    assert cluster.leftovers() == []


@pytest.fixture
def cluster(own_cluster: Cluster) -> Iterator[Cluster]:
    """The folder's own cluster, healed and with every member running again after the test."""
    yield own_cluster
    own_cluster.heal()
    for member in own_cluster.members:
        if not member.running:
            own_cluster.restart(member)
    own_cluster.wait_healthy()
