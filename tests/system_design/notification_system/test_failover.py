"""Failover: the breaker trips and recovers; no notification lost or sent twice."""

from __future__ import annotations

import sys
import threading
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.system_design.notification_system.breaker import CircuitBreaker
from examples.system_design.notification_system.failover import FailoverSender, RetryPolicy
from examples.system_design.notification_system.failover_demo import run
from examples.system_design.notification_system.providers import (
    BEHAVIORS,
    ProviderAmbiguous,
    ProviderDown,
    ProviderRejected,
    ProviderTimeout,
    StandInProvider,
    raise_for_status,
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


def fail(breaker: CircuitBreaker, times: int) -> None:
    for _ in range(times):
        breaker.record(breaker.allow(), ok=False)


def test_breaker_opens_after_the_threshold_and_probes_after_the_cooldown() -> None:
    clock = Clock()
    breaker = CircuitBreaker(clock, threshold=3, cooldown_ms=1_000)
    fail(breaker, 2)
    assert breaker.state == "closed" and breaker.allow()
    fail(breaker, 1)
    assert breaker.state == "open" and breaker.allow() is None
    clock.now = 1_000
    assert breaker.state == "half-open"
    probe = breaker.allow()
    assert probe and probe.probe and breaker.allow() is None  # one probe at a time
    breaker.record(probe, ok=False)
    assert breaker.state == "open"  # a failed probe opens it again
    clock.now = 2_000
    breaker.record(breaker.allow(), ok=True)
    assert breaker.state == "closed"
    assert [e for _, e in breaker.events] == [
        "3 failures in a row: open", "probe failed: open again", "probe ok: closed"
    ]


def test_a_success_resets_the_failure_count() -> None:
    breaker = CircuitBreaker(Clock(), threshold=2)
    fail(breaker, 1)
    breaker.record(breaker.allow(), ok=True)
    fail(breaker, 1)
    assert breaker.state == "closed"


def test_a_probe_that_never_reports_is_abandoned_after_its_deadline() -> None:
    clock = Clock()
    breaker = CircuitBreaker(clock, threshold=1, cooldown_ms=1_000, probe_timeout_ms=500)
    fail(breaker, 1)
    clock.now = 1_000
    lost = breaker.allow()  # its caller crashes and never records
    assert lost and breaker.allow() is None
    clock.now = 1_499
    assert breaker.allow() is None
    clock.now = 1_500
    probe = breaker.allow()
    assert probe and probe != lost
    breaker.record(lost, ok=True)  # the abandoned probe reports late: ignored
    assert breaker.state == "half-open" and not any("ok" in e for _, e in breaker.events)
    breaker.record(probe, ok=True)
    assert breaker.state == "closed"


def test_a_call_started_while_closed_cannot_close_an_open_breaker() -> None:
    clock = Clock()
    breaker = CircuitBreaker(clock, threshold=2, cooldown_ms=1_000)
    slow_call = breaker.allow()  # in flight while others fail
    fail(breaker, 2)
    assert breaker.state == "open"
    breaker.record(slow_call, ok=True)
    assert breaker.state == "open"
    assert [e for _, e in breaker.events] == ["2 failures in a row: open"]
    clock.now = 1_000
    breaker.record(slow_call, ok=False)  # nor count against the next probe
    assert breaker.state == "half-open"


def probes_won(breaker: CircuitBreaker, workers: int = 8) -> int:
    """Workers ask at once, 200 times each; how many permits did they get?"""
    barrier = threading.Barrier(workers)
    won: list[object] = []

    def ask() -> None:
        barrier.wait(timeout=10)
        for _ in range(200):
            if (permit := breaker.allow()) is not None:
                won.append(permit)

    threads = [threading.Thread(target=ask) for _ in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return len(won)


def test_concurrent_callers_in_half_open_get_exactly_one_probe() -> None:
    switch = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible
    try:
        for _ in range(50):
            clock = Clock()
            breaker = CircuitBreaker(clock, threshold=1, cooldown_ms=1)
            fail(breaker, 1)
            clock.now = 1
            assert probes_won(breaker) == 1
    finally:
        sys.setswitchinterval(switch)


def test_every_read_of_the_clock_happens_under_the_breakers_lock() -> None:
    # Deterministic companion to the stress test above: state is read and
    # written only while the lock is held, so no two workers interleave.
    held: list[bool] = []
    breaker: CircuitBreaker

    def clock() -> int:
        held.append(breaker._lock.locked())
        return len(held) * 100

    breaker = CircuitBreaker(clock, threshold=1, cooldown_ms=150)
    fail(breaker, 1)
    _ = breaker.state
    breaker.record(breaker.allow(), ok=True)
    assert held and all(held)


def test_breaker_refuses_bad_settings() -> None:
    with pytest.raises(ValueError):
        CircuitBreaker(Clock(), threshold=0)
    with pytest.raises(ValueError):
        CircuitBreaker(Clock(), probe_timeout_ms=0)


# --- stand-in providers and status codes -----------------------------------------


def test_a_deduping_provider_delivers_a_retried_key_once() -> None:
    provider = StandInProvider("p", ["slow", "down", "lost"], dedupes=True)
    with pytest.raises(ProviderTimeout):
        provider.send("k", "x")  # accepted, but we never heard
    with pytest.raises(ProviderDown):
        provider.send("k", "x")
    with pytest.raises(ProviderTimeout):
        provider.send("k", "x")
    first = provider.send("k", "x")
    assert provider.send("k", "x") == first
    assert provider.delivered == {"k": 1}


def test_by_default_a_provider_does_not_dedupe_and_delivers_twice() -> None:
    provider = StandInProvider("p")
    provider.send("k", "x")
    provider.send("k", "x")
    assert not provider.dedupes and provider.delivered == {"k": 2}


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (200, None),
        (202, None),
        (429, ProviderDown),
        (503, ProviderDown),
        (500, ProviderAmbiguous),
        (502, ProviderAmbiguous),
        (504, ProviderAmbiguous),
        (400, ProviderRejected),
        (404, ProviderRejected),
    ],
)
def test_statuses_are_classified_by_what_they_say_about_the_send(
    status: int, error: type | None
) -> None:
    if error is None:
        raise_for_status("p", status)
    else:
        with pytest.raises(error):
            raise_for_status("p", status)
    with pytest.raises(ValueError):
        raise_for_status("p", 700)


def test_providers_refuse_bad_input() -> None:
    with pytest.raises(ValueError, match="unknown behaviors"):
        StandInProvider("p", ["crash"])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="idempotency_key"):
        StandInProvider("p").send("", "x")


# --- the sender ----------------------------------------------------------------


def test_the_demo_moves_traffic_and_doubles_only_the_ambiguous_send() -> None:
    sender, providers = run()
    assert len(sender.outcome.sent) == 400 and not sender.outcome.dead
    got = copies(providers)
    assert sorted(n for n in got if got[n] > 1) == sorted(sender.outcome.ambiguous)
    assert max(got.values()) == 2 and len(sender.outcome.ambiguous) == 1
    assert Counter(sender.outcome.sent.values())["gw-b"] > 300
    assert sender.outcome.duplicates_dropped == 8


def test_a_timeout_on_a_deduping_provider_is_retried_there_not_failed_over() -> None:
    clock = Clock()
    a, b = StandInProvider("a", ["slow"], dedupes=True), StandInProvider("b")
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


def test_a_timeout_without_dedupe_is_dead_lettered_as_unknown_by_default() -> None:
    clock = Clock()
    a, b = StandInProvider("a", ["slow"]), StandInProvider("b")
    sender = FailoverSender([a, b], clock)
    drive(sender, clock, ["n1"])
    assert sender.outcome.dead == {"n1": "unknown"} and b.calls == 0


def test_retry_on_ambiguous_fails_over_at_once_and_may_double() -> None:
    clock = Clock()
    a, b = StandInProvider("a", ["slow"]), StandInProvider("b")
    sender = FailoverSender([a, b], clock, on_ambiguous="retry")
    drive(sender, clock, ["n1"])
    assert sender.outcome.sent == {"n1": "b"} and sender.outcome.ambiguous == {"n1": 1}
    assert copies([a, b]) == {"n1": 2}  # the duplicate this choice accepts


def test_a_rejected_request_is_dead_lettered_without_failover() -> None:
    class Rejecting(StandInProvider):
        def send(self, idempotency_key: str, body: str) -> str:
            self.calls += 1
            raise_for_status(self.name, 400)
            return ""

    clock = Clock()
    a, b = Rejecting("a"), StandInProvider("b")
    sender = FailoverSender([a, b], clock)
    drive(sender, clock, ["n1"])
    assert sender.outcome.dead == {"n1": "rejected"} and b.calls == 0
    assert sender.breaker("a").state == "closed"


def test_a_code_expires_while_every_breaker_is_open() -> None:
    clock = Clock()
    a, b = StandInProvider("a", ["down"] * 10**4), StandInProvider("b", ["down"] * 10**4)
    policy = RetryPolicy(max_attempts=10**6)  # attempts alone would take hours
    sender = FailoverSender([a, b], clock, policy=policy, max_age_ms=300_000)
    drive(sender, clock, ["otp-1"])
    assert sender.outcome.dead == {"otp-1": "expired"}
    assert clock.now <= 300_000 + 60_000  # dropped at its next turn after 5 minutes
    assert not copies([a, b])


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
    with pytest.raises(ValueError, match="on_ambiguous"):
        FailoverSender([StandInProvider("a")], Clock(), on_ambiguous="guess")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="max_age_ms"):
        FailoverSender([StandInProvider("a")], Clock(), max_age_ms=0)


# --- properties over failure patterns ---------------------------------------------

scripts = st.lists(st.sampled_from(BEHAVIORS), max_size=40)
id_lists = st.lists(st.integers(0, 15), min_size=1, max_size=40).map(
    lambda ns: [f"n{n}" for n in ns]  # repeats model the queue redelivering
)
LONG = 10**9  # no expiry within these runs


@settings(max_examples=150, deadline=None)
@given(scripts, scripts, id_lists, st.integers(0, 2**32))
def test_with_deduping_providers_every_notification_reaches_the_user_once(
    script_a: list, script_b: list, ids: list[str], seed: int
) -> None:
    clock = Clock()
    providers = [
        StandInProvider("a", script_a, dedupes=True),
        StandInProvider("b", script_b, dedupes=True),
    ]
    policy = RetryPolicy(base_ms=100, cap_ms=2_000, max_attempts=200)
    sender = FailoverSender(providers, clock, policy=policy, seed=seed, max_age_ms=LONG)
    drive(sender, clock, ids)
    unique = set(ids)
    assert set(sender.outcome.sent) == unique and not sender.outcome.dead
    assert copies(providers) == Counter({nid: 1 for nid in unique})


@settings(max_examples=150, deadline=None)
@given(scripts, scripts, id_lists, st.integers(0, 2**32))
def test_retrying_ambiguous_sends_delivers_all_with_bounded_duplicates(
    script_a: list, script_b: list, ids: list[str], seed: int
) -> None:
    clock = Clock()
    providers = [StandInProvider("a", script_a), StandInProvider("b", script_b)]
    policy = RetryPolicy(base_ms=100, cap_ms=2_000, max_attempts=200)
    sender = FailoverSender(
        providers, clock, policy=policy, seed=seed, on_ambiguous="retry", max_age_ms=LONG
    )
    drive(sender, clock, ids)
    got, maybe = copies(providers), sender.outcome.ambiguous
    assert set(sender.outcome.sent) == set(ids) and not sender.outcome.dead
    # Only an ambiguous answer can add a copy: at most one extra for each.
    assert all(1 <= got[nid] <= 1 + maybe[nid] for nid in set(ids))


@settings(max_examples=150, deadline=None)
@given(scripts, scripts, id_lists, st.integers(1, 4), st.integers(0, 2**32))
def test_dead_lettering_ambiguous_sends_never_doubles(
    script_a: list, script_b: list, ids: list[str], attempts: int, seed: int
) -> None:
    clock = Clock()
    providers = [StandInProvider("a", script_a), StandInProvider("b", script_b)]
    policy = RetryPolicy(base_ms=100, cap_ms=1_000, max_attempts=attempts)
    sender = FailoverSender(providers, clock, policy=policy, seed=seed, max_age_ms=LONG)
    drive(sender, clock, ids)
    got, sent, dead = copies(providers), sender.outcome.sent, sender.outcome.dead
    assert set(sent) | set(dead) == set(ids)  # every one accounted for...
    assert not set(sent) & set(dead)  # ...exactly once
    assert all(n <= 1 for n in got.values())  # nobody got two
    assert all(got[nid] == 1 for nid in sent)
    assert all(got[nid] == 0 for nid, why in dead.items() if why == "not sent")
