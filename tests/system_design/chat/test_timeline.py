"""The client's Timeline against a plain model: the longest gap-free prefix of what arrived."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.system_design.chat.protocol import Message
from examples.system_design.chat.timeline import Timeline


def message(seq: int) -> Message:
    return Message("c", seq, "alice", f"m-{seq}", f"body {seq}", 0)


def prefix_of(seen: set[int]) -> int:
    n = 0
    while n + 1 in seen:
        n += 1
    return n


@given(st.lists(st.integers(1, 30), max_size=80))
def test_any_arrival_order_matches_the_model(arrivals: list[int]) -> None:
    timeline = Timeline()
    released: list[int] = []
    seen: set[int] = set()
    for seq in arrivals:
        released += [m.seq for m in timeline.add(message(seq))]
        seen.add(seq)
        n = prefix_of(seen)
        assert timeline.contiguous == n
        assert released == list(range(1, n + 1))  # each once, in order
        assert [m.seq for m in timeline.messages()] == released
        missing = sorted(set(range(1, max(seen) + 1)) - seen)
        if missing:
            first = missing[0]
            last = min(s for s in seen if s > first) - 1
            assert timeline.gap == (first, last)
        else:
            assert timeline.gap is None


@given(st.permutations(list(range(1, 21))), st.lists(st.integers(1, 20), max_size=20))
def test_every_message_once_whatever_the_order_and_duplicates(order: list[int], extra: list[int]) -> None:
    timeline = Timeline()
    for seq in [*order, *extra]:
        timeline.add(message(seq))
    assert [m.seq for m in timeline.messages()] == list(range(1, 21))
    assert timeline.gap is None


def test_a_known_head_turns_a_missing_tail_into_a_gap() -> None:
    timeline = Timeline()
    timeline.add(message(1))
    timeline.saw_head(4)
    assert timeline.gap == (2, 4)
    timeline.add(message(3))
    assert timeline.gap == (2, 2)
    timeline.saw_head(2)  # an older head changes nothing
    assert timeline.head == 4


def test_a_resumed_timeline_ignores_what_it_holds() -> None:
    timeline = Timeline()
    for seq in (1, 2):
        timeline.add(message(seq))
    assert timeline.add(message(2)) == []
    assert [m.seq for m in timeline.add(message(3))] == [3]


@pytest.mark.parametrize(("call", "text"), [("add", "seq must be at least 1"), ("saw_head", "must not be negative")])
def test_bad_sequence_numbers_are_refused(call: str, text: str) -> None:
    timeline = Timeline()
    with pytest.raises(ValueError, match=text):
        if call == "add":
            timeline.add(message(0))
        else:
            timeline.saw_head(-1)
    assert timeline.contiguous == 0 and timeline.head == 0
