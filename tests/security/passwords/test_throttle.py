"""Backoff per account and per client network, on a manual clock."""

from __future__ import annotations

import ipaddress
import threading

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.machine_coding.clock import ManualClock
from examples.security.passwords.throttle import Backoff, LoginThrottle, client_key


def test_free_failures_then_doubling_waits_up_to_the_cap() -> None:
    clock = ManualClock()
    backoff = Backoff(clock, free_failures=2, base_delay=1.0, max_delay=8.0)
    waits = []
    for _ in range(8):
        waits.append(backoff.retry_after("k"))
        backoff.failure("k")
    assert waits == [0, 0, 1, 2, 4, 8, 8, 8]


def test_the_wait_runs_down_with_the_clock() -> None:
    clock = ManualClock()
    backoff = Backoff(clock, free_failures=1, base_delay=4.0)
    backoff.failure("k")
    clock.advance(3)
    assert backoff.retry_after("k") == 1
    clock.advance(1)
    assert backoff.retry_after("k") == 0


def test_success_and_a_quiet_day_reset_the_count() -> None:
    clock = ManualClock()
    backoff = Backoff(clock, free_failures=1, forget_after=100)
    backoff.failure("a")
    backoff.failure("b")
    backoff.success("a")
    assert backoff.retry_after("a") == 0
    clock.advance(100)
    assert backoff.retry_after("b") == 0
    backoff.failure("b")  # counts from one again
    assert backoff.retry_after("b") == 1


def test_keys_are_independent() -> None:
    backoff = Backoff(ManualClock(), free_failures=1)
    backoff.failure("a")
    assert backoff.retry_after("b") == 0


@pytest.mark.parametrize(
    "kwargs", [{"free_failures": 0}, {"base_delay": 0}, {"max_delay": 0.5}]
)
def test_bad_settings_are_refused(kwargs: dict) -> None:
    with pytest.raises(ValueError):
        Backoff(ManualClock(), **{"free_failures": 1, **kwargs})


@given(failures=st.integers(min_value=0, max_value=60))
def test_the_wait_never_exceeds_the_cap(failures: int) -> None:
    backoff = Backoff(ManualClock(), free_failures=3, max_delay=900)
    for _ in range(failures):
        backoff.failure("k")
    assert 0 <= backoff.retry_after("k") <= 900


def test_spraying_many_accounts_from_one_ip_hits_the_ip_limit() -> None:
    throttle = LoginThrottle(ManualClock())
    for index in range(20):  # one guess at each of 20 accounts
        assert throttle.attempt(f"user{index}@x.io", "198.51.100.7") == 0
    assert throttle.attempt("user99@x.io", "198.51.100.7") > 0
    assert throttle.attempt("user99@x.io", "203.0.113.1") == 0


def test_a_success_forgives_its_own_attempt_but_not_the_ip_history() -> None:
    throttle = LoginThrottle(ManualClock())
    for index in range(19):
        throttle.attempt(f"user{index}@x.io", "198.51.100.7")
    assert throttle.attempt("mine@x.io", "198.51.100.7") == 0
    throttle.success("mine@x.io", "198.51.100.7")
    assert throttle.accounts.retry_after("mine@x.io") == 0
    assert throttle.attempt("other@x.io", "198.51.100.7") == 0  # the 20th failure
    assert throttle.attempt("another@x.io", "198.51.100.7") > 0


def test_a_guesser_at_one_account_gets_about_a_hundred_tries_a_day() -> None:
    """The page's figure: a botnet (a new IP for every guess) that tries again
    the moment the wait ends. 3 free, 10 after waits of 1 s to 512 s, then
    one per 900 s (the cap): 107 in the first day, 96 in each day after it."""
    clock = ManualClock()
    throttle = LoginThrottle(clock)

    def tries_until(end: float) -> int:
        tries = 0
        while clock() < end:
            wait = throttle.attempt("ada@x.io", f"198.51.100.{tries % 250}")
            if wait == 0:
                tries += 1
            else:
                clock.advance(wait)
        return tries

    start = clock()
    assert tries_until(start + 86_400) == 107
    assert tries_until(start + 2 * 86_400) == 96


def test_a_throttled_attempt_is_not_counted() -> None:
    clock = ManualClock()
    throttle = LoginThrottle(clock)
    waits = [throttle.attempt("ada@x.io", "198.51.100.7") for _ in range(10)]
    assert waits == [0, 0, 0] + [1] * 7  # refusals do not push the wait further
    clock.advance(1)
    assert throttle.attempt("ada@x.io", "198.51.100.7") == 0


def test_simultaneous_attempts_get_the_answers_of_sequential_ones() -> None:
    throttle = LoginThrottle(ManualClock())
    racers = 32
    barrier = threading.Barrier(racers)
    waits: list[float] = []

    def guess() -> None:
        barrier.wait()
        waits.append(throttle.attempt("ada@x.io", "198.51.100.7"))

    threads = [threading.Thread(target=guess) for _ in range(racers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(waits) == [0] * 3 + [1] * (racers - 3)


def test_forgotten_keys_are_swept_so_one_off_emails_do_not_pile_up() -> None:
    clock = ManualClock()
    backoff = Backoff(clock, free_failures=3, forget_after=100)
    for index in range(Backoff.SWEEP_EVERY - 1):
        backoff.failure(f"once{index}@x.io")
    clock.advance(100)
    backoff.failure("fresh@x.io")  # the sweep runs here
    assert len(backoff) == 1


@pytest.mark.parametrize(
    ("host", "key"),
    [
        ("198.51.100.7", "198.51.100.7"),
        ("::ffff:198.51.100.7", "198.51.100.7"),
        ("2001:db8:1:2::1", "2001:db8:1:2::/64"),
        ("2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64"),
        ("2001:db8:1:3::1", "2001:db8:1:3::/64"),
        ("testclient", "testclient"),
    ],
)
def test_client_key_is_the_ipv4_address_or_the_ipv6_slash_64(
    host: str, key: str
) -> None:
    assert client_key(host) == key


@given(
    prefix=st.integers(0, 2**64 - 1),
    a=st.integers(0, 2**64 - 1),
    b=st.integers(0, 2**64 - 1),
)
def test_every_address_in_one_ipv6_slash_64_shares_a_key(
    prefix: int, a: int, b: int
) -> None:
    first = ipaddress.IPv6Address((prefix << 64) | a)
    second = ipaddress.IPv6Address((prefix << 64) | b)
    if first.ipv4_mapped is None and second.ipv4_mapped is None:
        assert client_key(str(first)) == client_key(str(second))
