"""Taking bad servers out of rotation: a passive outlier detector and an active health check.

Both are models of what Envoy does, with Envoy's names for the knobs, kept
small enough to read. They hold state only; the simulation feeds them
responses and probe results and asks which servers are out.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Fault:
    """Server `server` answers every request that starts in [start, end) with a 503.

    It fails fast: each error takes `error_seconds`, far less than a real answer.
    """

    server: int
    start: float
    end: float
    error_seconds: float = 0.001

    def __post_init__(self) -> None:
        if self.server < 0:
            raise ValueError(f"server must be a server index, got {self.server}")
        if not 0 <= self.start < self.end:
            raise ValueError(f"need 0 <= start < end, got [{self.start}, {self.end})")
        if not self.error_seconds > 0:
            raise ValueError(
                f"error_seconds must be positive, got {self.error_seconds}"
            )

    def active(self, server: int, now: float) -> bool:
        return server == self.server and self.start <= now < self.end


# --8<-- [start:outlier]
@dataclass
class OutlierDetector:
    """Passive health checking: eject a server after `consecutive_5xx` errors in a row.

    The n-th ejection of a server lasts n x `base_ejection_time`, at most
    `max_ejection_time`. An ejection happens only if it keeps the servers out
    at or under `max_ejection_percent`, so with the default 10% a pool of
    fewer than 10 ejects nobody, unless `always_eject_one_host` allows one
    (Envoy's rule since 1.28; the flag since 1.31). Envoy also returns hosts
    only at its 10 s sweep and shortens the next ejection while a returned
    host stays healthy; this model does neither.
    """

    servers: int
    consecutive_5xx: int = 5
    base_ejection_time: float = 30.0
    max_ejection_time: float = 300.0
    max_ejection_percent: int = 10
    always_eject_one_host: bool = False
    ejections: int = 0  # how many times any server was ejected
    _errors_in_a_row: list[int] = field(init=False, repr=False)
    _times_ejected: list[int] = field(init=False, repr=False)
    _out_until: dict[int, float] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        if self.servers < 1:
            raise ValueError(f"servers must be at least 1, got {self.servers}")
        if self.consecutive_5xx < 1:
            raise ValueError(
                f"consecutive_5xx must be at least 1, got {self.consecutive_5xx}"
            )
        if not 0 < self.base_ejection_time <= self.max_ejection_time:
            raise ValueError("need 0 < base_ejection_time <= max_ejection_time")
        if not 0 <= self.max_ejection_percent <= 100:
            raise ValueError(
                f"max_ejection_percent must be 0-100, got {self.max_ejection_percent}"
            )
        self._errors_in_a_row = [0] * self.servers
        self._times_ejected = [0] * self.servers

    @property
    def max_ejected(self) -> int:
        """How many servers may be out at once."""
        by_percent = self.servers * self.max_ejection_percent // 100
        return max(1, by_percent) if self.always_eject_one_host else by_percent

    def observe(self, server: int, ok: bool, now: float) -> None:
        """Record one response from `server` at time `now`."""
        if ok:
            self._errors_in_a_row[server] = 0
            return
        self._errors_in_a_row[server] += 1
        if self._errors_in_a_row[server] < self.consecutive_5xx:
            return
        self._errors_in_a_row[server] = 0  # as Envoy: the next try needs a new run
        if server in self.ejected(now) or len(self._out_until) >= self.max_ejected:
            return  # already out, or the cap keeps it in rotation
        self._times_ejected[server] += 1
        seconds = self.base_ejection_time * self._times_ejected[server]
        self._out_until[server] = now + min(seconds, self.max_ejection_time)
        self.ejections += 1

    def ejected(self, now: float) -> set[int]:
        """The servers out of rotation at `now`; expired ejections end here."""
        for server, until in list(self._out_until.items()):
            if now >= until:
                del self._out_until[server]
                self._errors_in_a_row[server] = 0  # a fresh start on return
        return set(self._out_until)

    def uneject(self, server: int) -> None:
        """Return `server` early (Envoy does this on a passing active health check)."""
        self._out_until.pop(server, None)
        self._errors_in_a_row[server] = 0


# --8<-- [end:outlier]


# --8<-- [start:active]
@dataclass
class ActiveHealthCheck:
    """Active health checking: probe every server each `interval` seconds.

    A server is marked down after `unhealthy_threshold` failed probes in a row
    and up again after `healthy_threshold` passing probes in a row.
    """

    servers: int
    interval: float = 5.0
    unhealthy_threshold: int = 3
    healthy_threshold: int = 2
    down: set[int] = field(default_factory=set)
    _streak: list[int] = field(init=False, repr=False)  # >0 passes, <0 failures

    def __post_init__(self) -> None:
        if self.servers < 1:
            raise ValueError(f"servers must be at least 1, got {self.servers}")
        if not self.interval > 0:
            raise ValueError(f"interval must be positive, got {self.interval}")
        if self.unhealthy_threshold < 1 or self.healthy_threshold < 1:
            raise ValueError(
                "unhealthy_threshold and healthy_threshold must be at least 1"
            )
        self._streak = [0] * self.servers

    def probe(self, server: int, passed: bool) -> None:
        """Record one probe of `server`."""
        streak = self._streak[server]
        if passed:
            self._streak[server] = streak + 1 if streak > 0 else 1
            if self._streak[server] >= self.healthy_threshold:
                self.down.discard(server)
        else:
            self._streak[server] = streak - 1 if streak < 0 else -1
            if -self._streak[server] >= self.unhealthy_threshold:
                self.down.add(server)


# --8<-- [end:active]


if __name__ == "__main__":
    for one_host in (False, True):
        detector = OutlierDetector(servers=4, always_eject_one_host=one_host)
        for second in range(5):
            detector.observe(server=2, ok=False, now=float(second))
        out = sorted(detector.ejected(now=5.0))
        print(f"4 servers, 10% cap, always_eject_one_host={one_host}: ejected {out}")
        #> 4 servers, 10% cap, always_eject_one_host=False: ejected []
        #> 4 servers, 10% cap, always_eject_one_host=True: ejected [2]
    print("at t=35 s, ejected:", sorted(detector.ejected(now=35.0)))
    #> at t=35 s, ejected: []
