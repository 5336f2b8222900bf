"""The etcd lock: exclusion under threads, fences that only grow, owner-only release."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from examples.data.redis.lock import FencedStore
from examples.system_design.consensus.etcd_client import EtcdClient, scratch
from examples.system_design.consensus.etcd_lock import EtcdLock


@pytest.fixture
def etcd(etcd_endpoints: list[str]) -> Iterator[tuple[EtcdClient, str]]:
    with scratch(etcd_endpoints, "test-lock") as session:
        yield session


def test_one_holder_at_a_time_and_fences_strictly_increase(etcd: tuple[EtcdClient, str]) -> None:
    client, prefix = etcd
    workers, rounds = 6, 4
    inside, overlaps, fences, counter = [0], [0], [], [0]
    guard = threading.Lock()
    start = threading.Barrier(workers, timeout=10)

    def work(n: int) -> None:
        lock = EtcdLock(client, prefix + "lock", holder=f"w{n}", ttl_seconds=10)
        start.wait()
        done = 0
        while done < rounds:
            grant = lock.try_acquire()
            if grant is None:
                continue
            with guard:
                inside[0] += 1
                overlaps[0] += inside[0] > 1
                fences.append(grant.fence)
            # A read-modify-write that the lock alone protects: a second holder
            # inside this window would lose an increment.
            seen = counter[0]
            time.sleep(0.002)
            counter[0] = seen + 1
            with guard:
                inside[0] -= 1
            assert lock.release(grant)
            done += 1

    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(work, range(workers)))
    assert overlaps[0] == 0
    assert counter[0] == workers * rounds
    assert len(fences) == workers * rounds
    assert len(set(fences)) == len(fences)  # no fence handed out twice
    assert fences == sorted(fences)  # and in the order the grants happened


def test_refresh_tells_a_holder_its_lease_is_gone(etcd: tuple[EtcdClient, str]) -> None:
    client, prefix = etcd
    lock = EtcdLock(client, prefix + "lock", holder="a", ttl_seconds=10)
    grant = lock.try_acquire()
    assert lock.refresh(grant)
    client.revoke(grant.lease)  # stands in for an expiry
    assert not lock.refresh(grant)
    assert client.get(prefix + "lock") is None  # the key went with the lease


def test_a_stale_grant_can_neither_release_nor_write(etcd: tuple[EtcdClient, str]) -> None:
    client, prefix = etcd
    a_lock = EtcdLock(client, prefix + "lock", holder="a", ttl_seconds=10)
    b_lock = EtcdLock(client, prefix + "lock", holder="b", ttl_seconds=10)
    a = a_lock.try_acquire()
    assert b_lock.try_acquire() is None
    client.revoke(a.lease)  # a's lease ends (it paused past its TTL)
    b = b_lock.try_acquire()
    store = FencedStore()
    assert store.write("b", b.fence)
    assert not store.write("a", a.fence)
    assert not a_lock.release(a)
    assert client.get(prefix + "lock").value == "b"
    assert b_lock.release(b)


def test_a_lock_needs_a_key_and_a_holder(etcd: tuple[EtcdClient, str]) -> None:
    client, prefix = etcd
    with pytest.raises(ValueError, match="non-empty"):
        EtcdLock(client, "", holder="a")
    with pytest.raises(ValueError, match="non-empty"):
        EtcdLock(client, prefix + "lock", holder="")
