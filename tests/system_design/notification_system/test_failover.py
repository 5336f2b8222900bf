"""Failover: the breaker trips and recovers; no notification lost or sent twice."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.system_design.notification_system.breaker import CircuitBreaker
from examples.system_design.notification_system.failover import FailoverSender, RetryPolicy
from examples.system_design.notification_system.failover_demo import run
from examples.system_design.notification_system.providers import (
    BEHAVIORS,
    ProviderDown,
    ProviderTimeout,
    StandInProvider,
)


class Clock:
    def __init__(self) -> None:
        self.now = 0

    def __call__(self) -> int:
        return self.now


def drive(sender: FailoverSender, clock: Clock, ids: list[str], step_ms: int = 250) -> None:
    """Submit every id (duplicates included), then run until nothing is queued."""
    for nid in ids:
        sender.submit(nid, "hello")
    for _ in range(100_000):
        sender.run_due()
        if not sender.pending():
            return
        clock.now += step_ms
    raise AssertionError("sends never settled")


def copies(providers: list[StandInProvider]) -> Counter[str]:
    total: Counter[str] = Counter()
    for p in providers:
        total.update(p.delivered)
    return total


# --- the breaker -----------------------------------------------------------------


def test_breaker_opens_after_the_threshold_and_probes_after_the_cooldown() -> None:
    clock = Clock()
    breaker = CircuitBreaker(clock, threshold=3, cooldown_ms=1_000)
    for _ in range(2):
        breaker.record(ok=False)
    assert breaker.state == "closed" and breaker.allow()
    breaker.record(ok=False)
    assert breaker.state == "open" and not breaker.allow()
    clock.now = 1_000
    assert breaker.state == "half-open"
    assert breaker.allow() and not breaker.allow()  # one probe at a time
    breaker.record(ok=False)
    assert breaker.state == "open"  # a failed probe opens it again
    clock.now = 2_000
    assert breaker.allow()
    breaker.record(ok=True)
    assert breaker.state == "closed"
    assert [e for _, e in breaker.events] == [
        "3 failures in a row: open", "probe failed: open again", "probe ok: closed"
    ]


def test_a_success_resets_the_failure_count() -> None:
    breaker = CircuitBreaker(Clock(), threshold=2)
    breaker.record(ok=False)
    breaker.record(ok=True)
    breaker.record(ok=False)
    assert breaker.state == "closed"


def test_breaker_refuses_bad_settings() -> None:
    with pytest.raises(ValueError):
        CircuitBreaker(Clock(), threshold=0)


# --- stand-in providers --------------------------------------------------------


def test_a_deduping_provider_delivers_a_retried_key_once() -> None:
    provider = StandInProvider("p", ["slow", "down", "lost"])
    with pytest.raises(ProviderTimeout):
        provider.send("k", "x")  # accepted, but we never heard
    with pytest.raises(ProviderDown):
        provider.send("k", "x")
    with pytest.raises(ProviderTimeout):
        provider.send("k", "x")
    first = provider.send("k", "x")
    assert provider.send("k", "x") == first
    assert provider.delivered == {"k": 1}


def test_a_provider_without_keys_delivers_twice() -> None:
    provider = StandInProvider("p", dedupes=False)
    provider.send("k", "x")
    provider.send("k", "x")
    assert provider.delivered == {"k": 2}


def test_providers_refuse_bad_input() -> None:
    with pytest.raises(ValueError, match="unknown behaviors"):
        StandInProvider("p", ["crash"])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="idempotency_key"):
        StandInProvider("p").send("", "x")


# --- the sender ----------------------------------------------------------------


def test_the_demo_moves_traffic_and_sends_each_once() -> None:
    sender, providers = run()
    assert len(sender.outcome.sent) == 400 and not sender.outcome.dead
    assert max(copies(providers).values()) == 1
    assert Counter(sender.outcome.sent.values())["gw-b"] > 300
    assert sender.outcome.duplicates_dropped == 8


def test_a_timeout_is_retried_on_the_same_provider_not_failed_over() -> None:
    clock = Clock()
    a, b = StandInProvider("a", ["slow"]), StandInProvider("b")
    sender = FailoverSender([a, b], clock, seed=1)
    drive(sender, clock, ["n1"])
    assert sender.outcome.sent == {"n1": "a"} and b.calls == 0
    assert a.delivered == {"n1": 1} and a.calls == 2


def test_a_refusal_fails_over_in_the_same_attempt() -> None:
    clock = Clock()
    a, b = StandInProvider("a", ["down"]), StandInProvider("b")
    sender = FailoverSender([a, b], clock)
    drive(sender, clock, ["n1"])
    assert sender.outcome.sent == {"n1": "b"}


def test_a_timeout_on_a_provider_without_keys_is_dead_lettered_as_unknown() -> None:
    clock = Clock()
    a, b = StandInProvider("a", ["slow"], dedupes=False), StandInProvider("b")
    sender = FailoverSender([a, b], clock)
    drive(sender, clock, ["n1"])
    assert sender.outcome.dead == {"n1": "unknown"} and b.calls == 0


def test_used_up_attempts_go_to_the_dead_letter_queue() -> None:
    clock = Clock()
    a, b = StandInProvider("a", ["down"] * 9), StandInProvider("b", ["down"] * 9)
    sender = FailoverSender([a, b], clock, policy=RetryPolicy(max_attempts=4))
    drive(sender, clock, ["n1"])
    assert sender.outcome.dead == {"n1": "not sent"}
    assert a.calls + b.calls == 4 and not copies([a, b])


@pytest.mark.parametrize(
    "kwargs", [{"base_ms": 0}, {"base_ms": 10, "cap_ms": 5}, {"max_attempts": 0}]
)
def test_retry_policy_refuses_bad_settings(kwargs: dict) -> None:
    with pytest.raises(ValueError):
        RetryPolicy(**kwargs)


def test_sender_refuses_bad_input() -> None:
    with pytest.raises(ValueError, match="distinct names"):
        FailoverSender([StandInProvider("a"), StandInProvider("a")], Clock())
    with pytest.raises(ValueError, match="notification_id"):
        FailoverSender([StandInProvider("a")], Clock()).submit("", "x")


# --- properties over failure patterns ---------------------------------------------

scripts = st.lists(st.sampled_from(BEHAVIORS), max_size=40)
id_lists = st.lists(st.integers(0, 15), min_size=1, max_size=40).map(
    lambda ns: [f"n{n}" for n in ns]  # repeats model the queue redelivering
)


@settings(max_examples=150, deadline=None)
@given(scripts, scripts, id_lists, st.integers(0, 2**32))
def test_with_enough_attempts_every_notification_reaches_the_user_once(
    script_a: list, script_b: list, ids: list[str], seed: int
) -> None:
    clock = Clock()
    providers = [StandInProvider("a", script_a), StandInProvider("b", script_b)]
    policy = RetryPolicy(base_ms=100, cap_ms=2_000, max_attempts=200)
    sender = FailoverSender(providers, clock, policy=policy, seed=seed)
    drive(sender, clock, ids)
    unique = set(ids)
    assert set(sender.outcome.sent) == unique and not sender.outcome.dead
    assert copies(providers) == Counter({nid: 1 for nid in unique})


@settings(max_examples=150, deadline=None)
@given(scripts, scripts, id_lists, st.integers(1, 4), st.integers(0, 2**32))
def test_with_few_attempts_nothing_is_lost_or_doubled(
    script_a: list, script_b: list, ids: list[str], attempts: int, seed: int
) -> None:
    clock = Clock()
    providers = [StandInProvider("a", script_a), StandInProvider("b", script_b)]
    policy = RetryPolicy(base_ms=100, cap_ms=1_000, max_attempts=attempts)
    sender = FailoverSender(providers, clock, policy=policy, seed=seed)
    drive(sender, clock, ids)
    got, sent, dead = copies(providers), sender.outcome.sent, sender.outcome.dead
    assert set(sent) | set(dead) == set(ids)  # every one accounted for...
    assert not set(sent) & set(dead)  # ...exactly once
    assert all(n <= 1 for n in got.values())  # nobody got two
    assert all(got[nid] == 1 for nid in sent)
    assert all(got[nid] == 0 for nid, why in dead.items() if why == "not sent")
