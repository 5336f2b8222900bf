"""A rolling update in simulated time: what maxSurge and maxUnavailable allow at each step.

A simplified Deployment controller. Each tick it (1) advances starting pods toward
ready, (2) deletes old pods while enough pods stay ready, (3) creates new pods while
the total stays within replicas + maxSurge. Traffic goes only to ready pods, as a
Service sends it only to pods whose readiness probe passes.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Pod:
    version: str
    ready_in: int | None  # ticks until its readiness probe passes; None: never

    @property
    def ready(self) -> bool:
        return self.ready_in == 0


@dataclass
class Rollout:
    """Replace `replicas` pods of version "old" with version "new"."""

    replicas: int
    max_surge: int
    max_unavailable: int
    new_ready_after: int | None  # ticks a new pod needs to become ready; None: never
    pods: list[Pod] = field(default_factory=list)
    min_ready: int = 0  # the fewest ready pods seen after any tick
    max_total: int = 0  # the most pods (ready or not) seen after any tick

    def __post_init__(self) -> None:
        if self.replicas < 1:
            raise ValueError(f"replicas must be at least 1, got {self.replicas}")
        if self.max_surge < 0 or self.max_unavailable < 0:
            raise ValueError("maxSurge and maxUnavailable cannot be negative")
        if self.max_surge == 0 and self.max_unavailable == 0:
            raise ValueError(
                "maxSurge and maxUnavailable cannot both be 0: no pod could ever be replaced"
            )
        if self.new_ready_after is not None and self.new_ready_after < 1:
            raise ValueError(
                "new_ready_after must be at least 1 tick, or None for never"
            )
        self.pods = [Pod("old", 0) for _ in range(self.replicas)]
        self.min_ready = self.max_total = self.replicas

    def count(self, version: str, ready_only: bool = False) -> int:
        return sum(
            1 for p in self.pods if p.version == version and (p.ready or not ready_only)
        )

    def done(self) -> bool:
        return (
            self.count("old") == 0
            and self.count("new", ready_only=True) == self.replicas
        )

    def tick(self) -> None:
        """One pass of the controller."""
        for pod in self.pods:
            if pod.ready_in:  # counting down; 0 is ready, None never gets there
                pod.ready_in -= 1
        floor = self.replicas - self.max_unavailable  # ready pods that must remain
        for pod in [p for p in self.pods if p.version == "old"]:
            ready = sum(1 for p in self.pods if p.ready)
            if ready - (1 if pod.ready else 0) < floor:
                break  # deleting it would leave too few ready pods
            self.pods.remove(pod)
        while (
            len(self.pods) < self.replicas + self.max_surge
            and self.count("new") < self.replicas
        ):
            self.pods.append(Pod("new", self.new_ready_after))
        self.min_ready = min(self.min_ready, sum(1 for p in self.pods if p.ready))
        self.max_total = max(self.max_total, len(self.pods))

    def traffic(self, requests: int) -> dict[str, int]:
        """Requests per version when `requests` are spread round robin over ready pods."""
        ready = [p for p in self.pods if p.ready]
        served = {"old": 0, "new": 0}
        for i in range(requests):
            if ready:
                served[ready[i % len(ready)].version] += 1
        return served

    def line(self, t: int) -> str:
        served = self.traffic(12)
        return (
            f"t={t}: old {self.count('old')} (ready {self.count('old', True)}), "
            f"new {self.count('new')} (ready {self.count('new', True)}); "
            f"12 requests -> old {served['old']}, new {served['new']}"
        )


def simulate(rollout: Rollout, max_ticks: int) -> list[str]:
    """The state after each tick until the rollout completes or `max_ticks` pass."""
    lines = [rollout.line(0)]
    for t in range(1, max_ticks + 1):
        rollout.tick()
        lines.append(rollout.line(t))
        if rollout.done():
            break
    return lines


if __name__ == "__main__":
    # --8<-- [start:good]
    rollout = Rollout(3, max_surge=1, max_unavailable=0, new_ready_after=2)
    for line in simulate(rollout, 12):
        print(line)
        #> t=0: old 3 (ready 3), new 0 (ready 0); 12 requests -> old 12, new 0
        #> t=1: old 3 (ready 3), new 1 (ready 0); 12 requests -> old 12, new 0
        #> t=2: old 3 (ready 3), new 1 (ready 0); 12 requests -> old 12, new 0
        #> t=3: old 2 (ready 2), new 2 (ready 1); 12 requests -> old 8, new 4
        #> t=4: old 2 (ready 2), new 2 (ready 1); 12 requests -> old 8, new 4
        #> t=5: old 1 (ready 1), new 3 (ready 2); 12 requests -> old 4, new 8
        #> t=6: old 1 (ready 1), new 3 (ready 2); 12 requests -> old 4, new 8
        #> t=7: old 0 (ready 0), new 3 (ready 3); 12 requests -> old 0, new 12
    print("fewest ready:", rollout.min_ready, "most pods:", rollout.max_total)
    #> fewest ready: 3 most pods: 4
    # --8<-- [end:good]
    # --8<-- [start:stuck]
    stuck = Rollout(3, max_surge=1, max_unavailable=0, new_ready_after=None)
    print(simulate(stuck, 6)[-1])
    #> t=6: old 3 (ready 3), new 1 (ready 0); 12 requests -> old 12, new 0
    print("done:", stuck.done(), "fewest ready:", stuck.min_ready)
    #> done: False fewest ready: 3
    # --8<-- [end:stuck]
