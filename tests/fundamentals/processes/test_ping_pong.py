"""The ping-pong: every reply checked, a switch per round trip on one CPU, failures reported."""

from __future__ import annotations

import os

import pytest

from examples.fundamentals.processes import ping_pong
from examples.fundamentals.processes.ping_pong import KINDS, round_trips, same_thread_round_trips

CPU = min(os.sched_getaffinity(0))


@pytest.mark.parametrize("kind", KINDS)
def test_on_one_cpu_the_pinger_is_switched_out_every_round_trip(kind: str) -> None:
    trips = round_trips(kind, 1_000, cpus=(CPU, CPU))
    assert trips.rounds == 1_000
    assert trips.pinger.voluntary + trips.pinger.involuntary >= trips.rounds


@pytest.mark.parametrize("kind", KINDS)
def test_unpinned_runs_complete_every_round(kind: str) -> None:
    assert round_trips(kind, 300).rounds == 300


def test_the_callers_affinity_is_left_alone() -> None:
    mine = os.sched_getaffinity(0)
    round_trips("processes", 10, cpus=(CPU, CPU))
    assert os.sched_getaffinity(0) == mine


def test_a_wrong_reply_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def bad_echo(inbox: int, outbox: int, rounds: int) -> None:
        os.read(inbox, 1)
        os.write(outbox, b"?")

    monkeypatch.setattr(ping_pong, "echo", bad_echo)  # the forked children inherit it
    with pytest.raises(ChildProcessError, match="exited with code 1"):
        round_trips("processes", 5)


def test_a_dead_echo_ends_the_pinger_instead_of_hanging_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ping_pong, "echo", lambda inbox, outbox, rounds: os._exit(0))
    with pytest.raises(ChildProcessError):  # the pinger reads EOF, not a byte
        round_trips("processes", 5)


def test_the_baseline_does_the_same_system_calls_without_a_partner() -> None:
    assert same_thread_round_trips(100) > 0


@pytest.mark.parametrize(
    ("kind", "rounds", "cpus", "message"),
    [
        ("coroutines", 1, None, "kind must be one of"),
        ("threads", 0, None, "rounds must be >= 1"),
        ("processes", 1, (CPU, max(os.sched_getaffinity(0)) + 1), "are not all in this process's set"),
    ],
)
def test_bad_arguments_are_refused(kind: str, rounds: int, cpus: tuple[int, int] | None, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        round_trips(kind, rounds, cpus)
    with pytest.raises(ValueError, match="rounds must be >= 1"):
        same_thread_round_trips(0)
