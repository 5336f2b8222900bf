"""Lamport and vector clocks against happens-before computed from the message graph."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.system_design.consistency.clocks import (
    Client,
    LamportClock,
    Message,
    Node,
    Replica,
    VectorClock,
    Version,
)

NAMES = "ABC"


PLANS = st.lists(
    st.tuples(st.sampled_from(["local", "send", "receive"]), st.integers(0, 2), st.integers(1, 2), st.integers(0, 99)),
    min_size=1,
    max_size=25,
)


@st.composite
def executions(draw: st.DrawFn) -> tuple[list, dict]:
    """Run random local events, sends and receives; return events and their direct causes."""
    nodes = {name: Node(name) for name in NAMES}
    in_flight: list[tuple[str, Message, object]] = []  # (to, message, send event)
    causes: dict[object, set] = {}
    last: dict[str, object] = {}
    events = []
    for step, (choice, at, hop, pick) in enumerate(draw(PLANS)):
        if choice == "receive" and in_flight:
            to, message, sent = in_flight.pop(pick % len(in_flight))
            event = nodes[to].receive(f"e{step}", message)
            extra = {sent}
        else:
            name = NAMES[at]
            if choice == "send":
                event, message = nodes[name].send(f"e{step}")
                in_flight.append((NAMES[(at + hop) % 3], message, event))
            else:
                event = nodes[name].local(f"e{step}")
            extra = set()
        previous = last.get(event.node)
        causes[event] = extra | ({previous} if previous is not None else set())
        last[event.node] = event
        events.append(event)
    return events, causes


def reachability(events: list, causes: dict) -> dict:
    before: dict[object, set] = {}
    for event in events:  # events are in execution order, causes come first
        seen = set()
        for cause in causes[event]:
            seen |= {cause} | before[cause]
        before[event] = seen
    return before


@settings(max_examples=100, deadline=None)
@given(executions())
def test_vector_clocks_decide_happens_before_exactly(execution: tuple[list, dict]) -> None:
    events, causes = execution
    before = reachability(events, causes)
    for a in events:
        for b in events:
            if a is b:
                continue
            expected = "before" if a in before[b] else "after" if b in before[a] else "concurrent"
            assert a.vector.compare(b.vector) == expected


@settings(max_examples=100, deadline=None)
@given(executions())
def test_lamport_stamps_follow_causality_but_cannot_show_concurrency(execution: tuple[list, dict]) -> None:
    events, causes = execution
    before = reachability(events, causes)
    for b in events:
        for a in before[b]:
            assert a.lamport < b.lamport
    # The converse fails: a smaller stamp says nothing about order.
    concurrent_but_smaller = [(a, b) for a in events for b in events if a.lamport < b.lamport and a not in before[b]]
    for a, b in concurrent_but_smaller:
        assert a.vector.compare(b.vector) == "concurrent"


def test_lamport_receive_jumps_past_the_stamp_and_refuses_nonsense() -> None:
    clock = LamportClock()
    assert clock.tick() == 1
    assert clock.receive(10) == 11
    assert clock.receive(3) == 12
    for bad in (-1, 1.5, True, "2"):
        with pytest.raises(ValueError, match="non-negative int"):
            clock.receive(bad)  # type: ignore[arg-type]


def test_vector_clock_basics() -> None:
    a = VectorClock.of({"A": 2, "B": 0})
    assert a == VectorClock.of({"A": 2})  # zero entries are the same as missing ones
    assert a["B"] == 0
    assert str(a.tick("B")) == "{A:2, B:1}"
    assert a.merge(VectorClock.of({"B": 3})) == VectorClock.of({"A": 2, "B": 3})
    assert a.compare(a) == "equal"
    assert VectorClock().compare(a) == "before"
    with pytest.raises(ValueError, match="non-negative int"):
        VectorClock.of({"A": -1})
    with pytest.raises(ValueError, match="non-empty string"):
        a.tick("")


def test_a_node_cannot_receive_its_own_message() -> None:
    node = Node("A")
    _, message = node.send("s")
    with pytest.raises(ValueError, match="its own message"):
        node.receive("r", message)


def test_a_replica_refuses_two_values_with_one_clock() -> None:
    replica = Replica("r")
    clock = VectorClock.of({"alice": 1})
    replica.store("k", Version("a", clock))
    replica.store("k", Version("a", clock))  # the same version again is fine
    with pytest.raises(ValueError, match="share the clock"):
        replica.store("k", Version("b", clock))


CART_STEPS = st.lists(
    st.one_of(
        st.tuples(st.just("get"), st.sampled_from("uv"), st.integers(0, 2)),
        st.tuples(st.just("put"), st.sampled_from("uv"), st.integers(0, 2)),
        st.tuples(st.just("sync"), st.integers(0, 2), st.integers(0, 2)),
    ),
    min_size=1,
    max_size=20,
)


@settings(max_examples=100, deadline=None)
@given(CART_STEPS)
def test_replicas_converge_to_exactly_the_writes_no_later_write_saw(steps: list[tuple]) -> None:
    replicas = [Replica(f"r{n}") for n in range(3)]
    clients = {name: Client(name) for name in "uv"}
    seen: dict[str, set[str]] = {name: set() for name in "uv"}  # writes each client has seen
    saw: dict[str, set[str]] = {}  # for each write: every write it saw, transitively
    for n, step in enumerate(steps):
        if step[0] == "get":
            _, name, at = step
            for value in clients[name].get(replicas[at], "k"):
                seen[name] |= {value} | saw[value]
        elif step[0] == "put":
            _, name, at = step
            value = f"{name}{n}"
            saw[value] = set(seen[name])
            clients[name].put(replicas[at], "k", value)
            seen[name] |= {value}
        else:
            _, to, source = step
            if to != source:
                replicas[to].sync_from(replicas[source])
    for _ in range(2):  # full anti-entropy, both directions
        for to in replicas:
            for source in replicas:
                if to is not source:
                    to.sync_from(source)
    expected = sorted(value for value in saw if not any(value in other for other in saw.values()))
    for replica in replicas:
        assert replica.get("k")[0] == expected
