"""What consensus costs on a real three-member etcd: per write, and when the leader dies.

Starts its own cluster on free loopback ports (examples/.../local_cluster.py),
with etcd's default timing (100 ms heartbeat, 1000 ms election timeout). The
members share this machine's disk and loopback, so a network hop costs almost
nothing here: a put is about one fsync plus local round trips. In production,
add a network round trip to the nearest majority for every write.

Failover: SIGKILL the leader and time (a) until the two survivors agree on a
new leader and (b) until a put through a survivor first succeeds; then the
same after SIGTERM, where etcd hands leadership over before it exits.

    .venv/bin/python benchmarks/system_design/consensus.py
"""

# requires-server: etcd

from __future__ import annotations

import os
import signal
import statistics
import tempfile
import time

from benchmarks.timing import quick_mode
from examples.system_design.consensus.etcd_client import EtcdClient, EtcdError
from examples.system_design.consensus.local_cluster import Cluster, start

OPERATIONS = 20 if quick_mode() else 300
FAILOVERS = 1 if quick_mode() else 5
ELECTION_TIMEOUT_S = 1.0  # etcd's default; its randomized timeout is 1-2x this


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def timed(call, times: int) -> list[float]:
    samples = []
    for _ in range(times):
        started = time.perf_counter()
        call()
        samples.append(time.perf_counter() - started)
    return samples


def fsync_samples(folder: str, times: int) -> list[float]:
    """A 100-byte append and fsync on the disk the members use: the floor under a durable write."""
    with tempfile.NamedTemporaryFile(dir=folder) as f:
        return timed(lambda: (f.write(b"x" * 100), f.flush(), os.fsync(f.fileno())), times)


def write_cost(cluster: Cluster) -> None:
    leader = cluster.leader()
    assert leader is not None
    to_leader = EtcdClient([leader.client_url], timeout=5)
    follower = next(m for m in cluster.members if m is not leader)
    to_follower = EtcdClient([follower.client_url], timeout=5)
    key = "bench/consensus/key"
    to_leader.put(key, "warm-up")
    rows = {
        "fsync of 100 bytes (this disk)": fsync_samples(str(cluster.root), OPERATIONS),
        "serializable read (local copy)": timed(lambda: to_leader.get(key, serializable=True), OPERATIONS),
        "linearizable read via leader": timed(lambda: to_leader.get(key), OPERATIONS),
        "linearizable read via follower": timed(lambda: to_follower.get(key), OPERATIONS),
        "put via leader (majority + fsync)": timed(lambda: to_leader.put(key, "v"), OPERATIONS),
        "put via follower (forwarded)": timed(lambda: to_follower.put(key, "v"), OPERATIONS),
    }
    base = median_ms(rows["serializable read (local copy)"])
    print(f"per operation, median of {OPERATIONS} (ratio to a serializable read):")
    for label, samples in rows.items():
        print(f"  {label:<36} {median_ms(samples):7.2f} ms   ratio {median_ms(samples) / base:6.1f}")


def first_successful_put(client: EtcdClient, deadline: float) -> float:
    while time.monotonic() < deadline:
        try:
            client.put("bench/consensus/failover", "x")
            return time.monotonic()
        except EtcdError:
            time.sleep(0.01)
    raise TimeoutError("no put succeeded within the deadline")


def failover(cluster: Cluster, sig: signal.Signals) -> tuple[float, float]:
    """(s until the survivors agree on a leader, s until a put through a survivor succeeds)."""
    old = cluster.leader()
    assert old is not None
    survivors = [m for m in cluster.members if m is not old]
    client = EtcdClient([survivors[0].client_url], timeout=0.5)
    started = time.monotonic()
    cluster.kill(old, sig)
    cluster.wait_for_leader(among=survivors, timeout=30)
    elected = time.monotonic()
    written = first_successful_put(client, started + 30)
    cluster.restart(old)
    cluster.wait_healthy()
    return elected - started, written - started


def main() -> None:
    cluster = start()
    try:
        write_cost(cluster)
        for sig in (signal.SIGKILL, signal.SIGTERM):
            runs = [failover(cluster, sig) for _ in range(FAILOVERS)]
            elected = [e for e, _ in runs]
            written = [w for _, w in runs]
            print(f"leader stopped with {sig.name}, {FAILOVERS} runs:")
            ratio = statistics.median(elected) / ELECTION_TIMEOUT_S
            print(
                f"  new leader agreed   min {min(elected):.2f} s  median {statistics.median(elected):.2f} s  "
                f"max {max(elected):.2f} s   ratio to election timeout {ratio:.2f}"
            )
            print(
                f"  first put succeeds  min {min(written):.2f} s  median {statistics.median(written):.2f} s  "
                f"max {max(written):.2f} s"
            )
    finally:
        cluster.stop()
    assert cluster.leftovers() == [], cluster.leftovers()


if __name__ == "__main__":
    main()
