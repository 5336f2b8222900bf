"""The quorum simulation: the overlap property, stale reads without it, sloppy quorums, bad input."""

from __future__ import annotations

from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.system_design.replication.quorum import Outage, Quorum, Stats, simulate


@st.composite
def quorums(draw: st.DrawFn, max_n: int = 7) -> Quorum:
    n = draw(st.integers(1, max_n))
    return Quorum(n, draw(st.integers(1, n)), draw(st.integers(1, n)))


@given(quorums())
def test_quorums_intersect_exactly_when_r_plus_w_exceeds_n(quorum: Quorum) -> None:
    # The combinatorial fact the simulation rests on, checked by brute force.
    replicas = range(quorum.n)
    always_meet = all(
        set(reads) & set(writes)
        for reads in combinations(replicas, quorum.r)
        for writes in combinations(replicas, quorum.w)
    )
    assert always_meet == quorum.overlaps


@settings(max_examples=60, deadline=None)
@given(
    quorums(),
    st.integers(0, 2**32),
    st.floats(0.0, 1.0),
    st.integers(1, 10),
    st.floats(0.0, 1.0),
    st.booleans(),
)
def test_an_overlapping_quorum_never_reads_stale(
    quorum: Quorum, seed: int, write_share: float, max_delay: int, drop_rate: float, repair: bool
) -> None:
    stats = simulate(
        quorum,
        seed=seed,
        operations=300,
        write_share=write_share,
        max_delay=max_delay,
        drop_rate=drop_rate,
        read_repair=repair,
    )
    if quorum.overlaps:
        assert stats.stale_reads == 0
    assert stats.reads + stats.writes + stats.refused_writes == 300


@settings(max_examples=30, deadline=None)
@given(quorums(max_n=5), st.integers(0, 2**32), st.data())
def test_a_strict_quorum_stays_fresh_through_an_outage_by_refusing_writes(
    quorum: Quorum, seed: int, data: st.DataObject
) -> None:
    cut = data.draw(st.frozensets(st.integers(0, quorum.n - 1)))
    outage = Outage(start=50, end=150, cut=cut)
    stats = simulate(quorum, seed=seed, operations=300, outage=outage, handoff_delay=5)
    if quorum.overlaps:
        assert stats.stale_reads == 0
    if quorum.n - len(cut) >= quorum.w:
        assert stats.refused_writes == 0
    else:  # about 30 writes fall in the outage's 100 ticks
        assert stats.refused_writes > 0


@pytest.mark.parametrize(("n", "r", "w"), [(3, 1, 1), (3, 2, 1), (3, 1, 2), (5, 2, 2), (5, 2, 3)])
def test_a_quorum_that_does_not_overlap_reads_stale(n: int, r: int, w: int) -> None:
    assert not Quorum(n, r, w).overlaps
    assert simulate(Quorum(n, r, w), seed=7).stale_reads > 0


def test_without_lag_even_r1_w1_reads_fresh() -> None:
    # Every background copy lands before the next request: stale reads come from lag.
    stats = simulate(Quorum(3, 1, 1), seed=1, write_share=0.5, max_delay=1)
    assert stats.reads > 0 and stats.stale_reads == 0


def test_a_sloppy_quorum_reads_stale_although_r_plus_w_exceeds_n() -> None:
    outage = Outage(start=500, end=1_000, cut=frozenset({1, 2}))
    strict = simulate(Quorum(3, 2, 2), seed=7, outage=outage)
    sloppy = simulate(Quorum(3, 2, 2), seed=7, outage=outage, sloppy=True)
    assert strict.refused_writes > 0 and strict.stale_reads == 0
    assert sloppy.refused_writes == 0 and sloppy.stale_reads > 0


def test_hinted_handoff_ends_the_stale_reads() -> None:
    outage = Outage(start=100, end=200, cut=frozenset({1, 2}))
    run = {"quorum": Quorum(3, 2, 2), "seed": 3, "outage": outage, "sloppy": True, "handoff_delay": 10}
    until_handoff = simulate(**run, operations=210)  # the hints land at tick 210
    assert until_handoff.stale_reads > 0
    assert simulate(**run, operations=2_000).stale_reads == until_handoff.stale_reads


def test_read_repair_lowers_the_stale_rate_when_copies_are_lost() -> None:
    quorum = Quorum(5, 2, 2)
    plain = simulate(quorum, seed=7, drop_rate=0.2)
    repaired = simulate(quorum, seed=7, drop_rate=0.2, read_repair=True)
    assert repaired.stale_reads < plain.stale_reads


def test_the_same_seed_gives_the_same_run() -> None:
    assert simulate(Quorum(5, 2, 2), seed=42) == simulate(Quorum(5, 2, 2), seed=42)
    assert simulate(Quorum(5, 2, 2), seed=42) != simulate(Quorum(5, 2, 2), seed=43)


def test_stats_rate_without_reads_is_zero() -> None:
    assert Stats(reads=0, stale_reads=0, writes=5, refused_writes=0).stale_rate == 0.0
    assert simulate(Quorum(3, 2, 2), seed=1, write_share=1.0, operations=50).reads == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((0, 1, 1), "N must be at least 1"),
        ((3, 0, 1), "R must be between 1 and N=3, not 0"),
        ((3, 4, 1), "R must be between 1 and N=3, not 4"),
        ((3, 2, 0), "W must be between 1 and N=3, not 0"),
        ((3, 2, 5), "W must be between 1 and N=3, not 5"),
    ],
)
def test_invalid_quorums_are_refused(args: tuple[int, int, int], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Quorum(*args)


@pytest.mark.parametrize("args", [(3.0, 1, 1), (3, "2", 1), (3, 2, True)])
def test_quorum_sizes_must_be_ints(args: tuple[object, object, object]) -> None:
    with pytest.raises(TypeError, match="must be an int"):
        Quorum(*args)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"operations": -1}, "operations must be >= 0"),
        ({"write_share": 1.5}, "write_share must be in"),
        ({"drop_rate": -0.1}, "drop_rate must be in"),
        ({"max_delay": 0}, "max_delay must be at least 1"),
        ({"handoff_delay": -1}, "handoff_delay must be >= 0"),
        ({"outage": Outage(0, 10, frozenset({3}))}, "outside 0..2"),
    ],
)
def test_invalid_simulation_settings_are_refused(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        simulate(Quorum(3, 2, 2), seed=1, **kwargs)


def test_an_outage_must_end_after_it_starts() -> None:
    with pytest.raises(ValueError, match="start < end"):
        Outage(start=10, end=10, cut=frozenset({0}))
    with pytest.raises(TypeError, match="must be a Quorum"):
        simulate((3, 2, 2), seed=1)  # type: ignore[arg-type]
