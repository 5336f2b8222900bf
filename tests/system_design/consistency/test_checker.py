"""The checker: named histories, peer checkers' examples, brute force, and the model hierarchy."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from examples.system_design.consistency.checker import (
    MAX_OPERATIONS,
    MODELS,
    causal_past,
    causal_write_order,
    classify,
    is_causally_consistent,
    is_linearizable,
    is_sequentially_consistent,
    linearization,
    monotonic_reads,
    reads_your_writes,
    sequential_order,
)
from examples.system_design.consistency.history import History, r, w
from examples.system_design.consistency.named_histories import NAMED, table
from tests.system_design.consistency.strategies import (
    any_histories,
    atomic_histories,
    brute_causal,
    brute_causal_memory,
    brute_linearizable,
    brute_monotonic_reads,
    brute_reads_your_writes,
    brute_sequential,
)

EXPECTED = {
    # name: (lin, seq, causal, read-your-writes, monotonic-reads)
    "overlapping write": (True, True, True, True, True),
    "stale read": (False, True, True, True, True),
    "new then old": (False, True, True, True, True),
    "missed each other": (False, False, True, True, True),
    "two orders": (False, False, False, True, False),
    "reply before post": (False, False, False, True, True),
    "lost own write": (False, False, False, False, True),
    "time travel": (False, False, False, True, False),
}


@pytest.mark.parametrize("name", list(EXPECTED))
def test_each_named_history_is_classified_as_its_comment_says(name: str) -> None:
    assert tuple(classify(NAMED[name]).values()) == EXPECTED[name]


def test_every_named_history_is_tested() -> None:
    assert set(NAMED) == set(EXPECTED)
    assert list(classify(NAMED["stale read"])) == list(MODELS)
    assert table(NAMED).splitlines()[0].split() == ["history", "lin", "seq", "causal", "ryw", "mr"]


def test_the_witness_orders_explain_the_verdicts() -> None:
    stale = NAMED["stale read"]
    write, read = stale.ops
    assert linearization(stale) is None
    assert sequential_order(stale) == [read, write]  # the read goes first: real time ignored
    overlapping = NAMED["overlapping write"]
    assert linearization(overlapping) == [overlapping.ops[1], overlapping.ops[0], overlapping.ops[2]]


# Porcupine's register tests (porcupine_test.go, TestRegisterModel and
# TestZeroDuration, examples from MIT 6.824's 2017 quiz 2): (history, linearizable).
# Knossos's wgl/linear tests: a read of the initial value alone is valid.
PEER_EXAMPLES = {
    "porcupine register ok": (
        [w("c0", "x", 100, 0, 100), r("c1", "x", 100, 25, 75), r("c2", "x", 0, 30, 60)],
        True,
    ),
    "porcupine register bad": (
        [w("c0", "x", 200, 0, 100), r("c1", "x", 200, 10, 30), r("c2", "x", 0, 40, 90)],
        False,
    ),
    "porcupine zero duration ok": (
        [
            w("c0", "x", 100, 0, 100),
            r("c1", "x", 100, 25, 75),
            r("c2", "x", 0, 30, 30),
            r("c3", "x", 0, 30, 30),
        ],
        True,
    ),
    "porcupine zero duration bad": (
        [
            w("c0", "x", 200, 0, 100),
            r("c1", "x", 200, 10, 10),
            r("c2", "x", 200, 10, 10),
            r("c3", "x", 0, 40, 90),
        ],
        False,
    ),
    "knossos sequential read of initial": ([r("p0", "x", 0, 0, 1)], True),
}


@pytest.mark.parametrize("name", list(PEER_EXAMPLES))
def test_peer_checkers_examples_get_the_same_verdict(name: str) -> None:
    ops, linearizable = PEER_EXAMPLES[name]
    assert is_linearizable(History(ops)) is linearizable


def test_knossos_reads_of_values_never_written_are_refused_here_not_judged() -> None:
    # Knossos calls these invalid histories; this checker refuses them as input.
    with pytest.raises(ValueError, match="which no operation in the history wrote"):
        History([r("p0", "x", 1, 0, 1)])
    with pytest.raises(ValueError, match="which no operation in the history wrote"):
        History([w("p0", "x", 1, 0, 1), r("p0", "x", 2, 2, 3)])


def test_sequential_consistency_is_not_local_but_linearizability_is() -> None:
    # The store-buffer history: each key alone has a sequential order, both together do not.
    history = NAMED["missed each other"]
    assert all(is_sequentially_consistent(history.restricted_to(key)) for key in "xy")
    assert not is_sequentially_consistent(history)
    assert is_causally_consistent(history)
    assert not is_linearizable(history)


def test_a_causal_cycle_is_not_causal() -> None:
    # Each process reads the value the other writes only afterwards: out of thin air.
    history = History(
        [
            r("A", "x", 1, 0, 1),
            w("A", "y", 1, 2, 3),
            r("B", "y", 1, 0, 1),
            w("B", "x", 1, 2, 3),
        ]
    )
    assert not is_causally_consistent(history)
    assert not is_sequentially_consistent(history)
    past = causal_past(history)
    assert all(op in past[op] for op in history)


def test_causal_past_is_process_order_plus_writes_into() -> None:
    post, reply, see_reply, see_post = NAMED["reply before post"].ops
    past = causal_past(NAMED["reply before post"])
    assert past[post] == set()
    assert past[reply] == {post}
    assert past[see_reply] == {post, reply}
    assert past[see_post] == {post, reply, see_reply}


# Bouajjani et al., "On Verifying Causal Consistency" (POPL 2017), characterize
# violations by bad patterns; one history per pattern that applies to registers.
CAUSAL_VIOLATIONS = {
    # WriteCORead: the read returns 1 although w(x)2, causally after w(x)1, is in its past.
    "overwritten by a causally later write": [
        w("A", "x", 1, 0, 1),
        w("A", "x", 2, 2, 3),
        r("B", "x", 2, 4, 5),
        r("B", "x", 1, 6, 7),
    ],
    # The same, with the overwrite made by a third process that had seen w(x)1.
    "overwritten by someone who saw it": [
        w("A", "x", 1, 0, 1),
        r("B", "x", 1, 2, 3),
        w("B", "x", 2, 4, 5),
        r("C", "x", 2, 6, 7),
        r("C", "x", 1, 8, 9),
    ],
    # WriteCOInitRead: the initial value after a write to the key is in the past.
    "initial value after a write": [
        w("A", "x", 1, 0, 1),
        w("A", "y", 2, 2, 3),
        r("B", "y", 2, 4, 5),
        r("B", "x", 0, 6, 7),
    ],
    # CyclicCO: causality itself has a cycle.
    "value from its own future": [r("A", "x", 1, 0, 1), w("A", "x", 1, 2, 3)],
    # CyclicCF: B's first read says 1 is newer than 2, its second says 2 is newer than 1.
    "own older write comes back": [
        w("A", "x", 1, 0, 1),
        w("B", "x", 2, 0, 1),
        r("B", "x", 1, 2, 3),
        r("B", "x", 2, 4, 5),
    ],
}


@pytest.mark.parametrize("name", list(CAUSAL_VIOLATIONS))
def test_each_bad_pattern_of_causal_consistency_is_caught(name: str) -> None:
    history = History(CAUSAL_VIOLATIONS[name])
    assert not is_causally_consistent(history)
    assert not brute_causal(history)


def test_two_orders_is_causal_memory_but_not_convergent() -> None:
    # Ahamad et al.'s causal memory lets C and D each keep their own order of
    # the concurrent writes; one shared order cannot explain both.
    two_orders = NAMED["two orders"]
    assert brute_causal_memory(two_orders)
    assert not is_causally_consistent(two_orders)
    # Each session alone reads monotonically; with one version order for all, one of them went back.
    assert all(monotonic_reads(History(op for op in two_orders if op.process != p)) for p in "CD")
    assert not monotonic_reads(two_orders)


def test_the_causal_write_order_explains_every_read() -> None:
    history = NAMED["missed each other"]
    order = causal_write_order(history)
    assert order is not None
    assert sorted(op.label() for op in order) == ["w(x)1", "w(y)2"]
    assert causal_write_order(NAMED["reply before post"]) is None


def test_read_your_writes_is_about_your_own_writes_only() -> None:
    # A writes 1 and then reads B's concurrent 2: a shared order with 1 before 2 explains it.
    history = History([w("A", "x", 1, 0, 2), w("B", "x", 2, 0, 2), r("A", "x", 2, 3, 4)])
    assert reads_your_writes(history)
    # A read 2, wrote 1, and read 2 again: still read your writes (order 1 before 2), but
    # not causal, since A's 1 came after it saw 2 (Terry's "writes follow reads").
    overwrote = History([w("B", "x", 2, 0, 1), r("A", "x", 2, 2, 3), w("A", "x", 1, 4, 5), r("A", "x", 2, 6, 7)])
    assert reads_your_writes(overwrote)
    assert not is_causally_consistent(overwrote)
    # Reading your first write after your second is allowed too: ordering one
    # session's writes is Terry's "monotonic writes", a separate guarantee.
    first_again = History([w("A", "x", 1, 0, 1), w("A", "x", 2, 2, 3), r("A", "x", 1, 4, 5)])
    assert reads_your_writes(first_again)
    assert not is_causally_consistent(first_again)
    # Every version is newer than the initial value.
    assert not reads_your_writes(NAMED["lost own write"])


def test_monotonic_reads_catches_a_flip_back_between_concurrent_writes() -> None:
    history = History(
        [w("A", "x", 1, 0, 2), w("B", "x", 2, 0, 2), r("C", "x", 1, 3, 4), r("C", "x", 2, 5, 6), r("C", "x", 1, 7, 8)]
    )
    assert not monotonic_reads(history)


def test_the_size_limit_is_clear_and_applies_to_the_searches_only() -> None:
    ops = [w("A", "x", n, 2 * n, 2 * n + 1) for n in range(1, MAX_OPERATIONS + 2)]
    at_limit, over = History(ops[:MAX_OPERATIONS]), History(ops)
    assert is_linearizable(at_limit)
    for check in (is_linearizable, is_sequentially_consistent, classify):
        with pytest.raises(ValueError, match=f"history has {MAX_OPERATIONS + 1} operations.*at most {MAX_OPERATIONS}"):
            check(over)
    assert is_causally_consistent(over)
    assert reads_your_writes(over)
    assert monotonic_reads(over)


def test_the_worst_case_history_at_the_limit_is_still_decided() -> None:
    # Twelve concurrent writes, eleven concurrent reads of them, then a read of 0.
    ops = [w(f"W{i}", "x", i, 0, 100) for i in range(1, 13)]
    ops += [r(f"R{i}", "x", i, 0, 100) for i in range(1, 12)]
    ops.append(r("Z", "x", 0, 200, 300))
    history = History(ops)
    assert len(history) == MAX_OPERATIONS
    assert not is_linearizable(history)
    assert is_sequentially_consistent(history)


@pytest.mark.parametrize(
    "check",
    [is_linearizable, is_sequentially_consistent, is_causally_consistent, linearization, sequential_order, classify],
)
def test_a_list_instead_of_a_history_is_a_type_error(check) -> None:
    with pytest.raises(TypeError, match="expected a History"):
        check([w("A", "x", 1, 0, 1)])


def test_the_empty_history_satisfies_everything() -> None:
    assert all(classify(History([])).values())


FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(atomic_histories())
def test_a_correct_register_always_produces_linearizable_histories(history: History) -> None:
    order = linearization(history)
    assert order is not None
    assert sorted(map(str, order)) == sorted(map(str, history))


@FAST
@given(any_histories(max_ops=9))
def test_linearizable_implies_sequential_implies_causal_implies_the_session_guarantees(history: History) -> None:
    verdict = classify(history)
    if verdict["linearizable"]:
        assert verdict["sequential"]
    if verdict["sequential"]:
        assert verdict["causal"]
    if verdict["causal"]:
        assert verdict["read-your-writes"]
        assert verdict["monotonic-reads"]


@FAST
@given(any_histories(max_ops=9))
def test_linearizability_is_local_one_key_at_a_time(history: History) -> None:
    assert is_linearizable(history) == all(is_linearizable(history.restricted_to(k)) for k in history.registers())


@FAST
@given(any_histories(max_ops=6))
def test_the_searches_agree_with_brute_force_over_every_permutation(history: History) -> None:
    assert is_linearizable(history) == brute_linearizable(history)
    assert is_sequentially_consistent(history) == brute_sequential(history)
    assert is_causally_consistent(history) == brute_causal(history)


@FAST
@given(any_histories(max_ops=7))
def test_the_session_checks_agree_with_brute_force_over_version_orders(history: History) -> None:
    assert reads_your_writes(history) == brute_reads_your_writes(history)
    assert monotonic_reads(history) == brute_monotonic_reads(history)


@FAST
@given(atomic_histories(max_ops=8))
def test_a_found_linearization_really_is_one(history: History) -> None:
    order = linearization(history)
    assert order is not None
    position = {op: n for n, op in enumerate(order)}
    for a in history:
        for b in history:
            if a.response < b.invoke:
                assert position[a] < position[b]


@FAST
@given(any_histories(max_ops=9))
def test_a_found_causal_write_order_really_explains_every_read(history: History) -> None:
    order = causal_write_order(history)
    if order is None:
        return
    rank = {op: n for n, op in enumerate(order)}
    past = causal_past(history)
    assert sorted(map(str, order)) == sorted(str(op) for op in history if op.kind == "w")
    for op in history:
        earlier = [p for p in past[op] if p.kind == "w"]
        assert all(rank[p] < rank[op] for p in earlier if op.kind == "w")
        if op.kind == "r":
            same_key = [p for p in earlier if p.key == op.key]
            assert history.write_of(op) == (max(same_key, key=rank.__getitem__) if same_key else None)
