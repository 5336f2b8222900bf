"""Faults on a real etcd cluster of our own: a killed leader, a lost majority, a restart, a partition.

Every wait is bounded; tests/system_design/consensus/conftest.py heals and
restarts what a test broke and checks at the end that nothing is left running.
etcd runs with its default timing (1 s election timeout, pre-vote off).
"""

from __future__ import annotations

import secrets
import time
import urllib.request

import pytest

from examples.system_design.consensus.etcd_client import EtcdClient, EtcdTimeout, EtcdUnavailable
from examples.system_design.consensus.etcd_lock import EtcdLock
from tests.support.etcd_cluster import Cluster, Member, member_status


def term_of(member: Member) -> int:
    status = member_status(member)
    assert status is not None, f"{member.name} does not answer"
    return int(status["raftTerm"])


def test_a_killed_leader_is_replaced_and_acknowledged_writes_and_fences_survive(cluster: Cluster) -> None:
    etcd = EtcdClient(cluster.endpoints, timeout=2)
    prefix = f"faults-{secrets.token_hex(4)}/"
    acknowledged = {prefix + f"order-{n}": etcd.put(prefix + f"order-{n}", f"paid-{n}") for n in range(20)}
    lock = EtcdLock(etcd, prefix + "lock", holder="a", ttl_seconds=10)
    held = lock.try_acquire()
    assert held is not None
    old = cluster.leader()
    assert old is not None
    old_term = term_of(old)

    started = time.monotonic()
    cluster.kill(old)
    survivors = [m for m in cluster.members if m is not old]
    new = cluster.wait_for_leader(among=survivors, timeout=20)
    print(f"new leader {new.name} after {time.monotonic() - started:.2f} s")  # shown with -s
    assert new is not old
    assert term_of(new) > old_term

    # Every write whose put returned is on the new leader, with its revision.
    for key, revision in acknowledged.items():
        kv = etcd.get(key, endpoint=new.client_url)
        assert kv is not None and kv.mod_revision == revision, key
    # The lock key came through too, still holding its fence; the next holder's is larger.
    assert etcd.get(held.key, endpoint=new.client_url).create_revision == held.fence
    assert lock.release(held)
    after = EtcdLock(etcd, prefix + "lock", holder="b").try_acquire()
    assert after is not None and after.fence > held.fence > 0

    cluster.restart(old)
    assert cluster.wait_for_leader() is not None
    assert etcd.get(prefix + "order-19", endpoint=old.client_url, serializable=True) is not None
    etcd.delete_prefix(prefix)


def test_without_a_majority_writes_fail_until_the_members_come_back(cluster: Cluster) -> None:
    etcd = EtcdClient(cluster.endpoints, timeout=2)
    key = f"faults-{secrets.token_hex(4)}/mode"
    etcd.put(key, "v1")
    leader = cluster.leader()
    assert leader is not None
    follower = next(m for m in cluster.members if m is not leader)
    survivor = next(m for m in cluster.members if m not in (leader, follower))
    cluster.kill(leader)
    cluster.kill(follower)

    alone = EtcdClient([survivor.client_url], timeout=1)
    # Its own copy still answers; nothing says how old it is.
    assert alone.get(key, serializable=True).value == "v1"
    with pytest.raises(EtcdUnavailable, match="timed out"):
        alone.get(key)  # linearizable: needs a leader to confirm the commit index
    with pytest.raises(EtcdTimeout, match="may have been applied"):
        alone.put(key, "v2")

    cluster.restart(follower)  # two of three: a majority
    # The timed-out write had an unknown outcome to its client. Here the
    # survivor's leader was dead, so the proposal reached no log.
    assert EtcdClient([survivor.client_url], timeout=2).get(key).value == "v1"
    cluster.restart(leader)
    assert cluster.running() == cluster.members
    etcd.delete_prefix(key)


def test_a_member_restarted_without_a_majority_serves_no_client(cluster: Cluster) -> None:
    """etcd serves clients only once it has published itself through Raft, which needs a quorum."""
    first, second, third = cluster.members
    for member in (first, second, third):
        cluster.kill(member)
    cluster.launch(third)
    try:
        # It is up: its peer port answers, so Raft could talk to it...
        deadline = time.monotonic() + 10
        while not peer_port_answers(third):
            assert third.running and time.monotonic() < deadline, "the member never came up"
            time.sleep(0.05)
        # ...but its client port does not, for as long as no majority exists.
        for _ in range(3):
            assert member_status(third, timeout=0.3) is None
    finally:
        cluster.restart(first)
        cluster.restart(second)
    assert member_status(third) is not None


def peer_port_answers(member: Member) -> bool:
    try:
        with urllib.request.urlopen(member.peer_url + "/version", timeout=0.5):  # noqa: S310 (loopback)
            return True
    except OSError:
        return False


def log_since(member: Member, offset: int) -> list[str]:
    with member.log_path.open("rb") as log:
        log.seek(offset)
        return log.read().decode("utf-8", "replace").splitlines()


def test_a_cut_off_member_serves_stale_reads_and_costs_an_election_on_return(cluster: Cluster) -> None:
    key = f"partition-{secrets.token_hex(4)}/mode"
    etcd = EtcdClient(cluster.endpoints, timeout=2)
    etcd.put(key, "v1")
    leader = cluster.leader()
    cut_off = next(m for m in cluster.members if m is not leader)
    others = [m for m in cluster.members if m is not cut_off]
    cut_off_id = format(int(member_status(cut_off)["header"]["member_id"]), "x")
    # Maintenance.Status reports the term of the last applied entry, so a
    # candidate's new term shows only in its log.
    term_before = term_of(leader)
    offsets = {m.name: m.log_path.stat().st_size for m in cluster.members}
    cluster.isolate(cut_off)
    try:
        EtcdClient([leader.client_url]).put(key, "v2")
        alone = EtcdClient([cut_off.client_url], timeout=1)
        assert alone.get(key, serializable=True).value == "v1"  # stale: v2 was acknowledged
        with pytest.raises(EtcdTimeout):
            alone.put(key, "v3")
        # Without pre-vote, a member that hears no leader campaigns alone, raising its term.
        deadline = time.monotonic() + 5  # etcd's longest randomized election timeout is 1.9 s
        while not any("became candidate" in line for line in log_since(cut_off, offsets[cut_off.name])):
            assert time.monotonic() < deadline, "the cut-off member never campaigned"
            time.sleep(0.05)
        time.sleep(0.2)  # time for its vote request to arrive, had it got through
        # The cut is complete: neither of the others heard it ask for votes.
        for m in others:
            heard = [line for line in log_since(m, offsets[m.name]) if "MsgVote" in line and cut_off_id in line]
            assert heard == [], m.name
        assert cluster.leader(among=others) is leader  # and the leader kept leading
    finally:
        cluster.heal()
    cluster.wait_for_leader()
    assert etcd.get(key, endpoint=cut_off.client_url).value == "v2"
    # On its return its higher term makes the leader step down: a new term.
    deadline = time.monotonic() + 10
    while term_of(cluster.wait_for_leader()) <= term_before:
        assert time.monotonic() < deadline, "the term never went up"
        time.sleep(0.1)
    etcd.delete_prefix(key)
