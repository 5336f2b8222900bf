"""The HTTP/JSON client against the shared etcd cluster: keys, transactions, leases, errors."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from examples.system_design.consensus.etcd_client import (
    EtcdClient,
    EtcdError,
    EtcdUnavailable,
    scratch,
)


@pytest.fixture
def etcd(etcd_endpoints: list[str]) -> Iterator[tuple[EtcdClient, str]]:
    with scratch(etcd_endpoints, "test-client") as session:
        yield session


def test_put_returns_the_revision_the_key_then_carries(etcd: tuple[EtcdClient, str]) -> None:
    client, prefix = etcd
    first = client.put(prefix + "k", "one")
    second = client.put(prefix + "k", "two")
    kv = client.get(prefix + "k")
    assert (kv.value, kv.create_revision, kv.mod_revision, kv.version) == ("two", first, second, 2)
    assert client.get(prefix + "missing") is None


def test_every_member_serves_the_same_value(etcd: tuple[EtcdClient, str], etcd_endpoints: list[str]) -> None:
    client, prefix = etcd
    revision = client.put(prefix + "k", "ünïcode ✓")
    for endpoint in etcd_endpoints:
        kv = client.get(prefix + "k", endpoint=endpoint)  # linearizable through each member
        assert (kv.value, kv.mod_revision) == ("ünïcode ✓", revision)


def test_delete_prefix_removes_only_that_prefix(etcd: tuple[EtcdClient, str]) -> None:
    client, prefix = etcd
    client.put(prefix + "a/1", "x")
    client.put(prefix + "a/2", "x")
    client.put(prefix + "b", "x")
    assert client.delete_prefix(prefix + "a/") == 2
    assert client.get(prefix + "b") is not None


def test_the_members_agree_on_one_leader(etcd: tuple[EtcdClient, str]) -> None:
    client, _ = etcd
    statuses = client.statuses()
    assert len(statuses) == 3
    leader = client.leader()
    assert leader is not None and leader.is_leader
    assert sum(s.is_leader for s in statuses) == 1


def test_concurrent_compare_and_swap_loses_no_update(etcd: tuple[EtcdClient, str]) -> None:
    client, prefix = etcd
    key, workers, rounds = prefix + "counter", 8, 5
    client.put(key, "0")
    read_together = threading.Barrier(workers, timeout=10)

    def increment() -> bool:
        """Add `rounds` to the counter; True if this worker won the first, contended swap."""
        current = client.get(key).value
        read_together.wait()  # every worker has read "0": all their first swaps race
        won_first = client.compare_and_swap(key, current, str(int(current) + 1))[0]
        done = int(won_first)
        while done < rounds:
            current = client.get(key).value
            done += client.compare_and_swap(key, current, str(int(current) + 1))[0]
        return won_first

    with ThreadPoolExecutor(workers) as pool:
        first_winners = sum(pool.map(lambda _: increment(), range(workers)))
    assert first_winners == 1  # eight swaps from the same read: exactly one wins
    assert client.get(key).value == str(workers * rounds)  # and no update is lost


def test_a_key_on_a_lease_goes_with_the_lease(etcd: tuple[EtcdClient, str]) -> None:
    client, prefix = etcd
    lease, ttl = client.grant_lease(30)
    assert ttl == 30
    client.put(prefix + "session", "x", lease=lease)
    assert client.get(prefix + "session").lease == lease
    assert 0 < client.time_to_live(lease) <= 30
    client.revoke(lease)
    assert client.get(prefix + "session") is None
    assert client.time_to_live(lease) == -1
    assert client.keep_alive(lease) == 0
    client.revoke(lease)  # revoking twice is harmless


def test_a_failed_compare_changes_nothing(etcd: tuple[EtcdClient, str]) -> None:
    client, prefix = etcd
    written = client.put(prefix + "k", "a")
    swapped, _ = client.compare_and_swap(prefix + "k", "not-a", "b")
    assert not swapped
    assert client.get(prefix + "k").mod_revision == written
    assert not client.delete_if_created_at(prefix + "k", written - 1)
    assert client.get(prefix + "k") is not None


def test_delete_if_created_at_follows_the_key_not_its_writes(etcd: tuple[EtcdClient, str]) -> None:
    client, prefix = etcd
    created = client.put(prefix + "k", "a")
    client.put(prefix + "k", "b")  # a write keeps the create_revision
    assert client.delete_if_created_at(prefix + "k", created)
    again = client.put(prefix + "k", "c")  # deleted and created again: a new key
    assert not client.delete_if_created_at(prefix + "k", created)
    assert client.delete_if_created_at(prefix + "k", again)


def unused_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_dead_endpoint_is_skipped_and_all_dead_is_a_clear_error(etcd_endpoints: list[str]) -> None:
    dead = f"http://127.0.0.1:{unused_port()}"
    client = EtcdClient([dead, *etcd_endpoints], timeout=2)
    assert client.statuses()  # the live ones answer
    client.get("handbook/consensus/never-written")  # moves past the refused one
    with pytest.raises(EtcdUnavailable, match="no etcd member answered"):
        EtcdClient([dead], timeout=1).get("anything")


def test_etcd_errors_carry_its_message(etcd: tuple[EtcdClient, str]) -> None:
    client, _ = etcd
    with pytest.raises(EtcdError, match="requested lease not found") as caught:
        client.put("handbook/consensus/never-written", "y", lease=1)
    assert caught.value.code is not None  # the gRPC status code etcd reported


@pytest.mark.parametrize(
    ("endpoints", "message"),
    [
        ([], "non-empty list"),
        ("http://127.0.0.1:2379", "non-empty list"),
        (["127.0.0.1:2379"], "not an etcd client URL"),
    ],
)
def test_bad_endpoints_are_refused(endpoints: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        EtcdClient(endpoints)


def test_bad_arguments_are_refused_before_anything_is_sent() -> None:
    client = EtcdClient(["http://127.0.0.1:1"])  # nothing listens there; nothing is sent
    with pytest.raises(ValueError, match="positive"):
        EtcdClient(["http://127.0.0.1:2379"], timeout=0)
    with pytest.raises(ValueError, match="non-empty string"):
        client.put("", "x")
    with pytest.raises(ValueError, match="non-empty string"):
        client.get(None)
    with pytest.raises(ValueError, match="positive integer"):
        client.grant_lease(0)
    with pytest.raises(ValueError, match="positive integer"):
        client.grant_lease(2.5)
