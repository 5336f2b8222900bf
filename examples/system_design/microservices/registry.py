"""A service registry with TTL heartbeats: instances register, the gateway resolves.

An instance registers its URL with a time to live and must heartbeat before the
TTL runs out; one that stops (crashed, partitioned, paused) drops out of
`resolve()` when its TTL ends, with no one having to notice the crash. Time
comes from an injected clock, so tests and demos move it by hand.

This is the registry of client-side discovery (the caller asks it and picks an
instance itself), kept in the gateway's process for the demos. A real one is a
replicated service (Consul, etcd, Eureka) that every caller reaches over the
network.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass

from examples.machine_coding.clock import Clock, system_clock
from examples.system_design.microservices.http_kit import host_port


class NoInstanceError(LookupError):
    """No live instance of the service: the gateway answers 503."""


class UnknownInstanceError(LookupError):
    """A heartbeat for an instance that is not registered, or whose TTL ran out.

    It must register again: an expired instance may have missed changes, and
    re-registering is how it says "I am back".
    """


# --8<-- [start:registry]
@dataclass(frozen=True, slots=True)
class Instance:
    service: str
    instance_id: str
    url: str
    ttl: float
    expires_at: float  # live while now < expires_at


class ServiceRegistry:
    """Live instances per service; each one lives `ttl` seconds past its last heartbeat."""

    def __init__(self, clock: Clock = system_clock) -> None:
        self._clock = clock
        self._instances: dict[str, Instance] = {}  # by instance id
        self._turn: dict[str, int] = {}  # round-robin position per service
        self._lock = threading.Lock()

    def register(
        self, service: str, instance_id: str, url: str, ttl: float
    ) -> Instance:
        """Add an instance, or refresh one that registers again."""
        _check_name("service", service)
        _check_name("instance_id", instance_id)
        host_port(url)  # raises ValueError for anything but http://host:port
        if isinstance(ttl, bool) or not isinstance(ttl, int | float):
            raise TypeError(
                f"ttl must be a number of seconds, got {type(ttl).__name__}"
            )
        if not math.isfinite(ttl) or ttl <= 0:
            raise ValueError(
                f"ttl must be a positive, finite number of seconds, got {ttl!r}"
            )
        with self._lock:
            now = self._clock()
            self._drop_expired(now)
            known = self._instances.get(instance_id)
            if known is not None and known.service != service:
                raise ValueError(
                    f"{instance_id!r} is already an instance of {known.service!r}"
                )
            instance = Instance(service, instance_id, url, float(ttl), now + ttl)
            self._instances[instance_id] = instance
            return instance

    def heartbeat(self, instance_id: str) -> Instance:
        """Extend a live instance's lease by its TTL, from now."""
        with self._lock:
            now = self._clock()
            self._drop_expired(now)
            known = self._instances.get(instance_id)
            if known is None:
                raise UnknownInstanceError(
                    f"{instance_id!r} is not registered (or expired)"
                )
            renewed = Instance(
                known.service, instance_id, known.url, known.ttl, now + known.ttl
            )
            self._instances[instance_id] = renewed
            return renewed

    def deregister(self, instance_id: str) -> bool:
        """Remove an instance at once (a clean shutdown); False if it was not there."""
        with self._lock:
            return self._instances.pop(instance_id, None) is not None

    def instances(self, service: str) -> list[Instance]:
        """The live instances of `service`, by instance id."""
        with self._lock:
            self._drop_expired(self._clock())
            return self._live(service)

    def resolve(self, service: str) -> str:
        """The URL of the next live instance, round robin: client-side discovery."""
        with self._lock:
            self._drop_expired(self._clock())
            live = self._live(service)
            if not live:
                raise NoInstanceError(f"no live instance of {service!r}")
            turn = self._turn.get(service, 0)
            self._turn[service] = turn + 1
            return live[turn % len(live)].url

    def _live(self, service: str) -> list[Instance]:
        found = [i for i in self._instances.values() if i.service == service]
        return sorted(found, key=lambda i: i.instance_id)

    def _drop_expired(self, now: float) -> None:
        for instance_id, instance in list(self._instances.items()):
            if now >= instance.expires_at:
                del self._instances[instance_id]


# --8<-- [end:registry]


def _check_name(what: str, value: object) -> None:
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a string, got {type(value).__name__}")
    if not value or not value.isprintable() or value != value.strip():
        raise ValueError(f"{what} must be a non-empty printable name, got {value!r}")


class StaticResolver:
    """Fixed URLs per service, round robin: what a config file or DNS name gives you."""

    def __init__(self, instances: dict[str, list[str]]) -> None:
        for service, urls in instances.items():
            _check_name("service", service)
            for url in urls:
                host_port(url)
        self._instances = {service: list(urls) for service, urls in instances.items()}
        self._turn: dict[str, int] = {}
        self._lock = threading.Lock()

    def resolve(self, service: str) -> str:
        with self._lock:
            urls = self._instances.get(service, [])
            if not urls:
                raise NoInstanceError(f"no instance of {service!r} is configured")
            turn = self._turn.get(service, 0)
            self._turn[service] = turn + 1
            return urls[turn % len(urls)]
