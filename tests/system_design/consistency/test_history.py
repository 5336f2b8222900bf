"""History validation, its accessors, and the two ways to print one."""

from __future__ import annotations

import pytest

from examples.system_design.consistency.history import INITIAL, History, Op, r, w
from examples.system_design.consistency.timeline import listing, timeline


def test_a_valid_history_keeps_its_operations_and_answers_questions() -> None:
    ops = [w("A", "x", 1, 0, 2), r("B", "x", 1, 3, 4), r("B", "y", 0, 5, 6)]
    history = History(ops)
    assert list(history) == ops
    assert len(history) == 3
    assert history.processes() == ["A", "B"]
    assert history.registers() == ["x", "y"]
    assert history.by_process("B") == ops[1:]
    assert history.write_of(ops[1]) == ops[0]
    assert history.write_of(ops[2]) is None  # it read the initial value
    assert list(history.restricted_to("y")) == [ops[2]]


def test_by_process_orders_calls_by_invoke_time_not_by_listing_order() -> None:
    late, early = r("A", "x", 0, 5, 6), r("A", "x", 0, 1, 2)
    assert History([late, early]).by_process("A") == [early, late]


def test_write_of_refuses_a_write() -> None:
    write = w("A", "x", 1, 0, 1)
    with pytest.raises(ValueError, match="is not a read"):
        History([write]).write_of(write)


def test_op_prints_compactly() -> None:
    assert str(w("A", "x", 1, 0, 2.5)) == "A w(x)1 [0, 2.5]"
    assert r("B", "y", 0, 1, 2).label() == "r(y)0"


@pytest.mark.parametrize(
    ("ops", "message"),
    [
        ([w("A", "x", 1, 3, 2)], "response 2 is before invoke 3"),
        ([Op("A", "cas", "x", 1, 0, 1)], "kind must be 'w' or 'r'"),
        ([w("A", "x", INITIAL, 0, 1)], "initial value"),
        ([r("A", "x", 7, 0, 1)], "reads 7 from 'x', which no operation"),
        ([w("A", "x", 1, 0, 1), r("B", "y", 1, 2, 3)], "reads 1 from 'y'"),
        ([w("A", "x", 1, 0, 1), w("B", "x", 1, 2, 3)], "values written to one key must be unique"),
        ([w("A", "x", 1, 0, 5), r("A", "x", 1, 4, 6)], "a process runs one call at a time"),
        ([w("A", "x", 1, 0, 2), r("A", "x", 1, 2, 3)], "a process runs one call at a time"),
        ([w("A", "x", 1, 0, float("inf"))], "must be finite"),
        ([w("A", "x", 1, float("nan"), 1)], "must be finite"),
    ],
)
def test_bad_histories_are_refused_with_a_clear_message(ops: list[Op], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        History(ops)


@pytest.mark.parametrize(
    ("op", "message"),
    [
        (Op("A", "w", "x", "1", 0, 1), "value must be an int"),  # type: ignore[arg-type]
        (Op("A", "w", "x", True, 0, 1), "value must be an int"),
        (Op("A", "w", "x", 1, "0", 1), "invoke must be a number"),  # type: ignore[arg-type]
        (Op("A", "w", "x", 1, 0, None), "response must be a number"),  # type: ignore[arg-type]
    ],
)
def test_values_and_times_of_the_wrong_type_are_type_errors(op: Op, message: str) -> None:
    with pytest.raises(TypeError, match=message):
        History([op])


def test_something_that_is_not_an_op_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="a history holds Op values"):
        History([("A", "w", "x", 1, 0, 1)])  # type: ignore[list-item]


def test_one_write_may_store_the_same_value_in_two_keys() -> None:
    History([w("A", "x", 1, 0, 1), w("A", "y", 1, 2, 3)])


def test_zero_length_calls_by_different_processes_are_allowed() -> None:
    History([r("A", "x", 0, 3, 3), r("B", "x", 0, 3, 3)])


def test_timeline_draws_each_call_over_its_interval() -> None:
    drawing = timeline(History([w("A", "x", 1, 0, 2), r("Bob", "x", 0, 3, 5)]))
    assert drawing.splitlines() == [
        "t    0  1  2  3  4  5",
        "A    [w(x)1]",
        "Bob           [r(x)0]",
    ]


def test_timeline_scale_fits_the_shortest_call() -> None:
    drawing = timeline(History([w("A", "x", 10, 0, 1), r("B", "x", 10, 13, 14)]))
    # 7 characters per time unit fit "w(x)10"; labels every 1 unit do not touch.
    assert drawing.splitlines()[1:] == ["A  [w(x)10]", "B" + " " * 93 + "[r(x)10]"]
    assert drawing.splitlines()[0].split() == ["t", *map(str, range(15))]


def test_timeline_of_nothing_is_empty_and_zero_length_calls_are_refused() -> None:
    assert timeline(History([])) == ""
    with pytest.raises(ValueError, match="use listing"):
        timeline(History([r("A", "x", 0, 1, 1)]))
    with pytest.raises(TypeError, match="expected a History"):
        timeline([r("A", "x", 0, 1, 2)])  # type: ignore[arg-type]


def test_listing_prints_one_call_per_line_in_invoke_order() -> None:
    history = History([r("B", "x", 0, 2, 2), w("A", "x", 1, 0, 5)])
    assert listing(history) == "A w(x)1 [0, 5]\nB r(x)0 [2, 2]"
