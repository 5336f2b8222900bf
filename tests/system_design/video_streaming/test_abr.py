"""The player simulation: downloads over a trace, the buffer, and the three rules."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.system_design.video_streaming import abr
from examples.system_design.video_streaming.abr import LADDER_KBPS, PlayerState

# --- downloads over the trace ---------------------------------------------------------


def test_a_download_within_one_second() -> None:
    assert abr.download_seconds([1000.0], 0.0, 500) == pytest.approx(0.5)


def test_a_download_across_a_drop() -> None:
    # 1,000 kbit/s then 100 kbit/s: 1,000 kbit in the first second, 50 more in 0.5 s.
    assert abr.download_seconds([1000.0, 100.0], 0.0, 1050) == pytest.approx(1.5)
    # Starting mid-second: 0.5 s at 1,000 carries 500 kbit.
    assert abr.download_seconds([1000.0, 100.0], 0.5, 600) == pytest.approx(1.5)


def test_past_the_end_the_last_second_repeats() -> None:
    assert abr.download_seconds([1000.0, 200.0], 5.0, 400) == pytest.approx(2.0)


@pytest.mark.parametrize(
    ("trace", "start", "kbits", "message"),
    [
        ([1000.0], -1.0, 10, "must not be negative"),
        ([1000.0], 0.0, -10, "must not be negative"),
        ([0.0], 0.0, 10, "throughput must be positive"),
    ],
)
def test_download_refuses_bad_input(
    trace: list[float], start: float, kbits: float, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        abr.download_seconds(trace, start, kbits)


# --- the trace -------------------------------------------------------------------------


def test_the_trace_is_seeded_and_has_drops() -> None:
    trace = abr.commuter_trace(600, seed=3)
    assert trace == abr.commuter_trace(600, seed=3)
    assert trace != abr.commuter_trace(600, seed=4)
    assert len(trace) == 600
    assert all(50 <= x <= 300 or 2000 <= x <= 8000 for x in trace)
    assert sum(x <= 300 for x in trace) > 30  # some seconds inside a drop
    with pytest.raises(ValueError, match="seconds must be positive"):
        abr.commuter_trace(0, seed=1)


# --- the rules ---------------------------------------------------------------------------


def test_the_throughput_rule_uses_the_harmonic_mean_and_a_margin() -> None:
    assert abr.throughput_rule(PlayerState()) == 0  # nothing measured: lowest
    # Harmonic mean of 6,000 and 1,000 is 1,714; times 0.8 is 1,371: the 750 rung.
    state = PlayerState(throughputs=[6000.0, 1000.0])
    assert LADDER_KBPS[abr.throughput_rule(state)] == 750
    # The arithmetic mean (3,500 x 0.8 = 2,800) would have picked 1,500.
    assert LADDER_KBPS[abr.best_below(3500 * 0.8)] == 1500


def test_the_throughput_rule_looks_at_the_last_five_only() -> None:
    state = PlayerState(throughputs=[100.0] + [10_000.0] * 5)
    assert LADDER_KBPS[abr.throughput_rule(state)] == 6000


@pytest.mark.parametrize(
    ("buffer_s", "last", "expected_kbps"),
    [
        (0.0, 4, 300),  # below the reservoir: the lowest, whatever came before
        (20.0, 2, 300),  # at the reservoir edge
        (50.0, 0, 6000),  # past reservoir + cushion: the highest
        # In between, the target is 300 + 190 kbit/s per second above 20 s.
        (35.0, 2, 3000),  # target 3,150: passes the next rung up (3,000)
        (30.0, 2, 1500),  # target 2,200: between 1,500's neighbors, stay
        (26.0, 2, 1500),  # target 1,440: still above 750, stay
        (22.0, 2, 750),  # target 680: at or below 750, down to the lowest rung >= 680
        (45.0, 0, 3000),  # target 5,050: up, straight to the best rung below it
    ],
)
def test_the_buffer_rule_maps_the_buffer_with_hysteresis(
    buffer_s: float, last: int, expected_kbps: int
) -> None:
    state = PlayerState(buffer_s=buffer_s, last=last)
    assert LADDER_KBPS[abr.buffer_rule(state)] == expected_kbps


# --- the session ------------------------------------------------------------------------


def test_a_steady_fast_link_never_stalls_and_climbs_to_the_top() -> None:
    session = abr.play(abr.buffer_rule, [20_000.0] * 10, segments=60)
    assert session.rebuffer_s == 0
    assert session.buffer_log[-1] == abr.MAX_BUFFER_S
    assert session.switches >= 1


def test_the_top_rendition_on_a_slow_link_stalls_every_segment() -> None:
    # 3,000 kbit/s carries a 24,000 kbit segment in 8 s: 4 s of stall each time.
    session = abr.play(abr.highest, [3000.0], segments=10)
    assert session.stalls == 9
    assert session.rebuffer_s == pytest.approx(9 * 4.0)
    assert session.avg_kbps == 6000 and session.switches == 0


def test_play_refuses_an_empty_session() -> None:
    with pytest.raises(ValueError, match="segments must be positive"):
        abr.play(abr.highest, [1000.0], segments=0)


DEMO_TRACE_S = 1_800  # abr_demo.py's trace


def test_the_demo_ranking_holds() -> None:
    trace = abr.commuter_trace(DEMO_TRACE_S, seed=3)
    rules = (abr.highest, abr.throughput_rule, abr.buffer_rule)
    top, tput, buf = (abr.play(r, trace, 150) for r in rules)
    assert top.rebuffer_s > tput.rebuffer_s > buf.rebuffer_s == 0
    assert buf.avg_kbps > tput.avg_kbps
    assert top.startup_s > 10 * buf.startup_s  # a 6 Mbit/s first segment waits


def test_the_demo_trace_outlasts_every_session() -> None:
    """A session that ran past the trace would replay its last second forever."""
    source = (abr.__file__).replace("abr.py", "abr_demo.py")
    with open(source, encoding="utf-8") as f:
        assert f"commuter_trace(seconds={DEMO_TRACE_S:_}, seed=3)" in f.read()
    trace = abr.commuter_trace(DEMO_TRACE_S, seed=3)
    for rule in (abr.highest, abr.throughput_rule, abr.buffer_rule):
        assert abr.play(rule, trace, 150).wall_s < len(trace), rule.__name__
    for reservoir in (20, 10, 5):
        session = abr.play(lambda st, r=reservoir: abr.buffer_rule(st, r), trace, 150)
        assert session.wall_s < len(trace)


traces = st.lists(st.floats(50, 10_000), min_size=1, max_size=120)
rules = st.sampled_from([abr.highest, abr.throughput_rule, abr.buffer_rule])


@settings(max_examples=60, deadline=None)
@given(traces, rules, st.integers(1, 40))
def test_the_buffer_is_never_negative_and_time_is_conserved(
    trace: list[float], rule: abr.Rule, segments: int
) -> None:
    s = abr.play(rule, trace, segments)
    assert all(0 <= b <= abr.MAX_BUFFER_S for b in s.buffer_log)
    # Every second of the session is start-up, playing, or stalled.
    played = segments * abr.SEGMENT_S
    assert s.wall_s == pytest.approx(s.startup_s + played + s.rebuffer_s)
    assert s.rebuffer_s >= 0 and 0 <= s.stalls <= segments - 1
    assert 0 <= s.switches <= segments - 1
