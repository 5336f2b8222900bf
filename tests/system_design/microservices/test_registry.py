"""The registry: TTL expiry against a simple model, round robin, bad input, threads."""

from __future__ import annotations

import threading

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from examples.machine_coding.clock import ManualClock
from examples.system_design.microservices.discovery_demo import agent_tick
from examples.system_design.microservices.registry import (
    NoInstanceError,
    ServiceRegistry,
    StaticResolver,
    UnknownInstanceError,
)

URL = "http://127.0.0.1:8001"


def test_an_instance_lives_ttl_seconds_past_its_last_heartbeat() -> None:
    clock = ManualClock()
    registry = ServiceRegistry(clock)
    registry.register("users", "a", URL, ttl=3)
    clock.advance(2.5)
    registry.heartbeat("a")  # now lives until 5.5
    clock.advance(2.5)
    assert [i.instance_id for i in registry.instances("users")] == ["a"]
    clock.advance(0.5)  # exactly at expiry: gone
    assert registry.instances("users") == []
    with pytest.raises(UnknownInstanceError):
        registry.heartbeat("a")


def test_an_expired_instance_comes_back_by_registering_again() -> None:
    clock = ManualClock()
    registry = ServiceRegistry(clock)
    registry.register("users", "a", URL, ttl=1)
    clock.advance(5)
    registry.register("users", "a", "http://127.0.0.1:8002", ttl=1)
    assert registry.resolve("users") == "http://127.0.0.1:8002"


def test_resolve_round_robins_over_live_instances_only() -> None:
    clock = ManualClock()
    registry = ServiceRegistry(clock)
    registry.register("users", "a", "http://127.0.0.1:8001", ttl=10)
    registry.register("users", "b", "http://127.0.0.1:8002", ttl=2)
    registry.register("orders", "c", "http://127.0.0.1:8003", ttl=10)
    assert [registry.resolve("users") for _ in range(4)] == [
        "http://127.0.0.1:8001",
        "http://127.0.0.1:8002",
        "http://127.0.0.1:8001",
        "http://127.0.0.1:8002",
    ]
    clock.advance(2)
    assert {registry.resolve("users") for _ in range(4)} == {"http://127.0.0.1:8001"}
    assert registry.deregister("a") is True
    assert registry.deregister("a") is False
    with pytest.raises(NoInstanceError, match="users"):
        registry.resolve("users")
    assert registry.resolve("orders") == "http://127.0.0.1:8003"


def test_an_id_belongs_to_one_service() -> None:
    registry = ServiceRegistry(ManualClock())
    registry.register("users", "a", URL, ttl=1)
    with pytest.raises(ValueError, match="already an instance of 'users'"):
        registry.register("orders", "a", URL, ttl=1)


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (("", "a", URL, 1), ValueError),
        (("users", " a", URL, 1), ValueError),
        (("users", "a\n", URL, 1), ValueError),
        ((None, "a", URL, 1), TypeError),
        (("users", "a", "127.0.0.1:8001", 1), ValueError),
        (("users", "a", "https://127.0.0.1:8001", 1), ValueError),
        (("users", "a", "http://127.0.0.1", 1), ValueError),
        (("users", "a", URL, 0), ValueError),
        (("users", "a", URL, -1), ValueError),
        (("users", "a", URL, float("inf")), ValueError),
        (("users", "a", URL, float("nan")), ValueError),
        (("users", "a", URL, "3"), TypeError),
        (("users", "a", URL, True), TypeError),
    ],
)
def test_bad_registrations_are_refused_and_change_nothing(args, error) -> None:
    registry = ServiceRegistry(ManualClock())
    with pytest.raises(error):
        registry.register(*args)
    assert registry.instances("users") == []


def test_the_static_resolver_round_robins_and_refuses_unknown_services() -> None:
    resolver = StaticResolver({"users": ["http://127.0.0.1:1", "http://127.0.0.1:2"], "none": []})
    assert [resolver.resolve("users") for _ in range(3)] == [
        "http://127.0.0.1:1",
        "http://127.0.0.1:2",
        "http://127.0.0.1:1",
    ]
    for service in ("none", "billing"):
        with pytest.raises(NoInstanceError):
            resolver.resolve(service)
    with pytest.raises(ValueError):
        StaticResolver({"users": ["localhost"]})


SERVICES = ("users", "orders")
IDS = ("a", "b", "c", "d")


class RegistryAgainstModel(RuleBasedStateMachine):
    """The registry agrees with a dict of instance -> (service, expires_at)."""

    def __init__(self) -> None:
        super().__init__()
        self.clock = ManualClock()
        self.registry = ServiceRegistry(self.clock)
        self.model: dict[str, tuple[str, float, float]] = {}  # id -> (service, ttl, expires_at)

    def _expire(self) -> None:
        now = self.clock()
        self.model = {i: v for i, v in self.model.items() if now < v[2]}

    @rule(service=st.sampled_from(SERVICES), instance_id=st.sampled_from(IDS), ttl=st.sampled_from([0.5, 1, 2.5]))
    def register(self, service: str, instance_id: str, ttl: float) -> None:
        self._expire()
        known = self.model.get(instance_id)
        if known is not None and known[0] != service:
            with pytest.raises(ValueError):
                self.registry.register(service, instance_id, URL, ttl)
            return
        self.registry.register(service, instance_id, URL, ttl)
        self.model[instance_id] = (service, ttl, self.clock() + ttl)

    @rule(instance_id=st.sampled_from(IDS))
    def heartbeat(self, instance_id: str) -> None:
        self._expire()
        if instance_id in self.model:
            service, ttl, _ = self.model[instance_id]
            self.registry.heartbeat(instance_id)
            self.model[instance_id] = (service, ttl, self.clock() + ttl)
        else:
            with pytest.raises(UnknownInstanceError):
                self.registry.heartbeat(instance_id)

    @rule(instance_id=st.sampled_from(IDS))
    def deregister(self, instance_id: str) -> None:
        self._expire()
        assert self.registry.deregister(instance_id) == (instance_id in self.model)
        self.model.pop(instance_id, None)

    @rule(seconds=st.sampled_from([0.25, 0.5, 1.0, 3.0]))
    def advance(self, seconds: float) -> None:
        self.clock.advance(seconds)

    @rule(service=st.sampled_from(SERVICES))
    def resolve(self, service: str) -> None:
        self._expire()
        live = {i for i, v in self.model.items() if v[0] == service}
        if live:
            assert self.registry.resolve(service) == URL
        else:
            with pytest.raises(NoInstanceError):
                self.registry.resolve(service)

    @invariant()
    def live_instances_match(self) -> None:
        self._expire()
        for service in SERVICES:
            expected = sorted(i for i, v in self.model.items() if v[0] == service)
            assert [i.instance_id for i in self.registry.instances(service)] == expected


RegistryAgainstModel.TestCase.settings = settings(max_examples=60, stateful_step_count=25, deadline=None)
TestRegistryAgainstModel = RegistryAgainstModel.TestCase


def test_concurrent_heartbeats_and_resolves_lose_nothing() -> None:
    clock = ManualClock()
    registry = ServiceRegistry(clock)
    ids = [f"users-{n}" for n in range(8)]
    for n, instance_id in enumerate(ids):
        registry.register("users", instance_id, f"http://127.0.0.1:{9000 + n}", ttl=5)
    resolved: list[str] = []
    errors: list[BaseException] = []
    start = threading.Barrier(9)

    def beat(instance_id: str) -> None:
        start.wait()
        try:
            for _ in range(500):
                registry.heartbeat(instance_id)
        except BaseException as error:  # collected for the assert below
            errors.append(error)

    def resolve() -> None:
        start.wait()
        for _ in range(800):
            resolved.append(registry.resolve("users"))

    threads = [threading.Thread(target=beat, args=(i,)) for i in ids] + [threading.Thread(target=resolve)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    # Round robin stayed exact under contention: each of 8 instances 100 times.
    assert sorted({resolved.count(url) for url in set(resolved)}) == [100]
    assert len(registry.instances("users")) == 8


def test_the_agent_renews_healthy_instances_and_lets_the_rest_lapse(backends) -> None:
    clock = ManualClock()
    registry = ServiceRegistry(clock)
    urls = {"up": backends.users.url, "down": backends.dead_url}
    for instance_id, url in urls.items():
        registry.register("users", instance_id, url, ttl=2)
    clock.advance(1.5)
    agent_tick(registry, "users", urls, ttl=2)
    clock.advance(1)  # "down" got no heartbeat: gone
    assert [i.instance_id for i in registry.instances("users")] == ["up"]
    clock.advance(5)  # the agent paused longer than a TTL: "up" lapsed too
    agent_tick(registry, "users", urls, ttl=2)  # healthy, so it registers again
    assert [i.instance_id for i in registry.instances("users")] == ["up"]
