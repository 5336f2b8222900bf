"""One register, three replicas in three regions: the latency and staleness of each setting.

A seeded discrete-event simulation. Clients in every region run calls one at a
time against one key. Two settings:

- "linearizable": every call goes to the leader's region. A write commits when
  a majority of replicas (the leader plus the fastest follower) has it; a read
  first confirms with a majority that the leader still leads (Raft's ReadIndex).
- "local": every call goes to the replica in the client's own region. Writes are
  acknowledged at once and copied to the other regions in the background;
  concurrent writes are settled by last-writer-wins on (time, region).

A read is stale if it misses a write that had already been acknowledged to some
client before the read began: exactly what linearizability forbids.
"""

from __future__ import annotations

import bisect
import heapq
import math
import random
from collections.abc import Mapping
from dataclasses import dataclass, field

from examples.system_design.consistency.history import INITIAL, History, Op

MODES = ("linearizable", "local")


# --8<-- [start:topology]
@dataclass(frozen=True)
class Topology:
    """Regions, the one-way delay between each pair, and where the leader lives."""

    one_way_ms: Mapping[tuple[str, str], float]
    leader: str
    local_ms: float = 1.0  # client to the replica in its own region, one way
    jitter: float = 0.1  # mean extra delay per message, as a share of its link's

    def __post_init__(self) -> None:
        regions = self.regions
        for a in regions:
            for b in regions:
                if a < b and (a, b) not in self._pairs:
                    raise ValueError(f"no delay given between {a!r} and {b!r}")
        for pair, delay in self.one_way_ms.items():
            if len(pair) != 2 or pair[0] == pair[1]:
                raise ValueError(f"{pair!r}: a delay joins two different regions")
            if not (math.isfinite(delay) and delay > 0):
                raise ValueError(f"{pair!r}: delay must be a positive number of ms")
        if self.leader not in regions:
            raise ValueError(f"leader {self.leader!r} is not one of {regions}")
        if not (math.isfinite(self.local_ms) and self.local_ms > 0):
            raise ValueError("local_ms must be a positive number of ms")
        if not (math.isfinite(self.jitter) and self.jitter >= 0):
            raise ValueError("jitter must be zero or more")

    @property
    def _pairs(self) -> dict[tuple[str, str], float]:
        return {tuple(sorted(pair)): ms for pair, ms in self.one_way_ms.items()}

    @property
    def regions(self) -> tuple[str, ...]:
        """Every region named in a delay, sorted."""
        return tuple(sorted({region for pair in self.one_way_ms for region in pair}))

    def base_ms(self, a: str, b: str) -> float:
        """The one-way delay from a to b without jitter."""
        return self.local_ms if a == b else self._pairs[tuple(sorted((a, b)))]


THREE_REGIONS = Topology(
    # Inputs to the model, not measurements: change them to match your network.
    one_way_ms={
        ("us-east", "us-west"): 35,
        ("us-east", "eu-west"): 40,
        ("us-west", "eu-west"): 70,
    },
    leader="us-east",
)
# --8<-- [end:topology]


@dataclass(frozen=True)
class Workload:
    """Who calls, how often, for how long, and which region is cut off when."""

    clients_per_region: int = 2
    duration_ms: float = 10_000
    think_ms: float = 100  # mean pause between one client's calls (exponential)
    write_share: float = 0.25
    timeout_ms: float = 1_000  # a call with no answer by then has failed
    partition: tuple[str, float, float] | None = None  # (region, from ms, until ms)
    calls_per_client: int | None = None  # stop each client after this many calls

    def __post_init__(self) -> None:
        if self.clients_per_region < 1:
            raise ValueError("clients_per_region must be at least 1")
        if self.calls_per_client is not None and self.calls_per_client < 1:
            raise ValueError("calls_per_client must be at least 1")
        for name in ("duration_ms", "think_ms", "timeout_ms"):
            value = getattr(self, name)
            if not (math.isfinite(value) and value > 0):
                raise ValueError(f"{name} must be a positive number of ms")
        if not 0 <= self.write_share <= 1:
            raise ValueError("write_share must be between 0 and 1")
        if self.partition is not None:
            _, start, end = self.partition
            if not start < end:
                raise ValueError("a partition must end after it starts")

    def cut(self, a: str, b: str, at: float) -> bool:
        """Is the link from a to b down at time `at`?"""
        if self.partition is None or a == b:
            return False
        region, start, end = self.partition
        return region in (a, b) and start <= at < end


@dataclass
class Call:
    """One client call as the simulation ran it."""

    process: str
    region: str
    kind: str
    invoke: float
    value: int = INITIAL
    response: float | None = None  # None: timed out (the system was unavailable)
    version: tuple = (0,)  # the order the setting gives writes; INITIAL is lowest


@dataclass
class Run:
    """Every call of one simulation, in the order the clients invoked them."""

    mode: str
    calls: list[Call] = field(default_factory=list)

    def completed(self) -> list[Call]:
        return [call for call in self.calls if call.response is not None]

    def history(self) -> History:
        """The calls as a history the checkers read (every call must have returned)."""
        if any(call.response is None for call in self.calls):
            raise ValueError(
                "some calls timed out, so their effect is unknown; the checkers "
                "take histories in which every call returned"
            )
        return History(
            Op(c.process, c.kind, "x", c.value, c.invoke, c.response)
            for c in self.completed()
        )

    def stale(self) -> list[Call]:
        """Reads that missed a write acknowledged before they began."""
        writes = sorted(
            (c for c in self.completed() if c.kind == "w"), key=lambda c: c.response
        )
        acked_at = [c.response for c in writes]
        newest: list[tuple] = []  # newest[i]: highest version among writes[: i + 1]
        for c in writes:
            newest.append(max(c.version, newest[-1]) if newest else c.version)
        stale = []
        for c in self.completed():
            if c.kind != "r":
                continue
            known = bisect.bisect_left(acked_at, c.invoke)  # acked strictly before
            if known and c.version < newest[known - 1]:
                stale.append(c)
        return stale


# --8<-- [start:simulate]
def simulate(topology: Topology, workload: Workload, mode: str, seed: int) -> Run:
    """Run the workload against one setting; the same seed gives the same run."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, got {mode!r}")
    rng = random.Random(seed)
    sim = _Simulation(topology, workload, mode, rng)
    return sim.run()


# --8<-- [end:simulate]


class _Simulation:
    def __init__(self, topology: Topology, workload: Workload, mode: str, rng) -> None:
        self.top, self.load, self.mode, self.rng = topology, workload, mode, rng
        self.events: list[tuple[float, int, str, object]] = []
        self.seq = 0
        self.result = Run(mode)
        self.calls_made: dict[str, int] = {}
        self.next_value = 1
        # linearizable: the leader's log of (commit time, index, value)
        self.commit_times: list[float] = []
        self.log: list[tuple[int, int]] = []
        # local: per region, every write applied there as (time, version, value)
        self.applied: dict[str, list[tuple[float, tuple, int]]] = {
            region: [] for region in topology.regions
        }

    def delay(self, a: str, b: str) -> float:
        base = self.top.base_ms(a, b)
        extra = self.rng.expovariate(1 / self.top.jitter) if self.top.jitter else 0
        return base * (1 + extra)

    def push(self, at: float, kind: str, payload: object) -> None:
        self.seq += 1
        heapq.heappush(self.events, (at, self.seq, kind, payload))

    def run(self) -> Run:
        for region in self.top.regions:
            for n in range(self.load.clients_per_region):
                process = f"{region}/{n}"
                self.push(self.think(0.0), "send", (process, region))
        while self.events:
            at, _, kind, payload = heapq.heappop(self.events)
            getattr(self, f"on_{kind}")(at, payload)
        return self.result

    def think(self, after: float) -> float:
        return after + self.rng.expovariate(1 / self.load.think_ms)

    def on_send(self, at: float, payload: object) -> None:
        process, region = payload
        if at >= self.load.duration_ms:
            return
        limit = self.load.calls_per_client
        if limit is not None and self.calls_made.get(process, 0) >= limit:
            return
        self.calls_made[process] = self.calls_made.get(process, 0) + 1
        kind = "w" if self.rng.random() < self.load.write_share else "r"
        call = Call(process, region, kind, invoke=at)
        if kind == "w":
            call.value, self.next_value = self.next_value, self.next_value + 1
        self.result.calls.append(call)
        target = self.top.leader if self.mode == "linearizable" else region
        if self.load.cut(region, target, at):
            self.finish(call, None, at + self.load.timeout_ms)
            return
        self.push(at + self.delay(region, target), f"{self.mode}_{kind}", call)

    def finish(self, call: Call, reply_at: float | None, free_at: float) -> None:
        call.response = reply_at
        self.push(self.think(free_at), "send", (call.process, call.region))

    def reply(self, call: Call, from_region: str, at: float) -> None:
        if self.load.cut(from_region, call.region, at):
            self.finish(call, None, call.invoke + self.load.timeout_ms)
        else:
            done = at + self.delay(from_region, call.region)
            self.finish(call, done, done)

    # --8<-- [start:leader]
    def majority_round(self, at: float) -> float | None:
        """When the leader hears back from enough followers for a majority, or None."""
        leader = self.top.leader
        needed = len(self.top.regions) // 2  # followers, the leader counts itself
        trips = sorted(
            self.delay(leader, f) + self.delay(f, leader)
            for f in self.top.regions
            if f != leader and not self.load.cut(leader, f, at)
        )
        if len(trips) < needed:
            return None
        return at + (trips[needed - 1] if needed else 0.0)

    def on_linearizable_w(self, at: float, call: Call) -> None:
        committed = self.majority_round(at)
        if committed is None:
            self.finish(call, None, call.invoke + self.load.timeout_ms)
            return
        # Raft commits log entries in order: never before the previous entry.
        if self.commit_times:
            committed = max(committed, self.commit_times[-1])
        index = len(self.log) + 1
        self.commit_times.append(committed)
        self.log.append((index, call.value))
        call.version = (index,)
        self.push(committed, "reply_at", (call, self.top.leader))

    def on_linearizable_r(self, at: float, call: Call) -> None:
        confirmed = self.majority_round(at)
        if confirmed is None:
            self.finish(call, None, call.invoke + self.load.timeout_ms)
            return
        self.push(confirmed, "leader_read", call)

    def on_leader_read(self, at: float, call: Call) -> None:
        # Every write that committed by now has already arrived, so the log is
        # complete up to `at`: the read returns the newest committed value.
        committed = bisect.bisect_right(self.commit_times, at)
        if committed:
            index, call.value = self.log[committed - 1]
            call.version = (index,)
        self.reply(call, self.top.leader, at)

    # --8<-- [end:leader]

    def on_reply_at(self, at: float, payload: object) -> None:
        call, region = payload
        self.reply(call, region, at)

    # --8<-- [start:local]
    def on_local_w(self, at: float, call: Call) -> None:
        call.version = (at, call.region)  # last-writer-wins: later time wins
        self.on_apply(at, (call.region, call.version, call.value))
        for other in self.top.regions:
            if other != call.region:
                # A cut link holds the copy until the partition heals.
                sent = at
                while self.load.cut(call.region, other, sent):
                    sent = self.load.partition[2]
                self.push(
                    sent + self.delay(call.region, other),
                    "apply",
                    (other, call.version, call.value),
                )
        self.reply(call, call.region, at)

    def on_apply(self, at: float, payload: object) -> None:
        region, version, value = payload
        self.applied[region].append((at, version, value))

    def on_local_r(self, at: float, call: Call) -> None:
        seen = [entry for entry in self.applied[call.region] if entry[0] <= at]
        if seen:
            _, call.version, call.value = max(seen, key=lambda entry: entry[1])
        self.reply(call, call.region, at)

    # --8<-- [end:local]


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile: the smallest value with `share` of values at or below."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


def latencies(run: Run, kind: str, region: str | None = None) -> list[float]:
    """Response minus invoke for completed calls of one kind (and region)."""
    return [
        call.response - call.invoke
        for call in run.completed()
        if call.kind == kind and (region is None or call.region == region)
    ]
