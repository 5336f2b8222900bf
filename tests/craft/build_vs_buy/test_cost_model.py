"""The build-vs-buy cost model, and the decision doc that quotes it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.craft.build_vs_buy import cost_model
from examples.craft.build_vs_buy.cost_model import (
    BUILD,
    BUY,
    ENGINEER_MONTH,
    SELF_HOST,
    Option,
    allowed_downtime_minutes,
    break_even_users,
    doc_lines,
    total_cost,
)
from examples.craft.design_docs.check_design_doc import check

DOC = Path(cost_model.__file__).with_name("login_decision.md")


def squeezed(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_every_printed_line_is_in_the_decision_doc_word_for_word() -> None:
    doc = squeezed(DOC.read_text(encoding="utf-8"))
    for line in doc_lines():
        assert squeezed(line) in doc, line


def test_the_doc_states_the_inputs_and_passes_the_design_doc_check() -> None:
    doc = squeezed(DOC.read_text(encoding="utf-8"))
    assert f"${ENGINEER_MONTH:,} an engineer-month" in doc
    assert f"${BUY.price_per_user_month} an MAU a month" in doc
    assert "8 engineer-months, then 4 a year" in doc
    assert "1.5 engineer-months, then 0.5 a year" in doc
    assert "3 engineer-months to set up, then 2 a year" in doc
    assert check(DOC.read_text(encoding="utf-8")).problems() == ["ready for review"]


def test_the_arithmetic_by_hand() -> None:
    # Build: (8 + 4 * 3) engineer-months at $20,000, plus $1,000 for 36 months.
    assert total_cost(BUILD, [200_000] * 3) == 20 * 20_000 + 36_000 == 436_000
    # Vendor: (1.5 + 0.5 * 3) engineer-months, plus $0.015 * 12 * 600,000 user-years.
    assert total_cost(BUY, [200_000] * 3) == pytest.approx(60_000 + 0.015 * 12 * 600_000)
    assert total_cost(BUY, [200_000, 400_000, 800_000]) == pytest.approx(60_000 + 0.015 * 12 * 1_400_000)
    assert total_cost(SELF_HOST, [0, 0, 0]) == (3 + 6) * 20_000 + 800 * 36


def test_at_the_break_even_volume_the_two_cost_the_same() -> None:
    users = break_even_users(BUILD, BUY)
    assert users == pytest.approx((436_000 - 60_000) / (0.015 * 36))
    assert total_cost(BUILD, [users] * 3) == pytest.approx(total_cost(BUY, [users] * 3))  # type: ignore[list-item]
    assert total_cost(BUILD, [users * 1.01] * 3) < total_cost(BUY, [users * 1.01] * 3)  # type: ignore[list-item]


@given(
    st.floats(0, 50),
    st.floats(0, 10),
    st.floats(0, 10_000),
    st.floats(0.001, 1),
    st.integers(1, 10),
)
def test_break_even_is_where_the_cost_lines_cross(
    upfront: float, upkeep: float, fixed: float, price: float, years: int
) -> None:
    build = Option("build", upfront, upkeep, fixed_per_month=fixed)
    buy = Option("buy", 0, 0, fixed_per_month=0, price_per_user_month=price)
    users = break_even_users(build, buy, years)
    if total_cost(build, [0] * years) == 0:
        assert users is None  # building costs nothing: the vendor never wins
    else:
        assert users is not None
        assert total_cost(build, [users] * years) == pytest.approx(total_cost(buy, [users] * years))  # type: ignore[list-item]


def test_no_break_even_when_neither_has_a_unit_price_or_the_cheaper_is_cheaper_everywhere() -> None:
    assert break_even_users(BUILD, SELF_HOST) is None  # neither charges per user
    cheap_vendor = Option("cheap", 0, 0, fixed_per_month=0, price_per_user_month=0.01)
    costly_vendor = Option("costly", 1, 1, fixed_per_month=100, price_per_user_month=0.02)
    assert break_even_users(cheap_vendor, costly_vendor) is None


def test_sla_downtime() -> None:
    assert allowed_downtime_minutes(99.9) == pytest.approx(43.2)
    assert allowed_downtime_minutes(99.99) == pytest.approx(4.32)
    assert allowed_downtime_minutes(100) == 0


@pytest.mark.parametrize("sla", [0, -1, 100.1])
def test_an_sla_outside_the_range_is_refused(sla: float) -> None:
    with pytest.raises(ValueError, match="sla_percent"):
        allowed_downtime_minutes(sla)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("upfront_engineer_months", -1),
        ("engineer_months_per_year", float("nan")),
        ("fixed_per_month", float("inf")),
        ("price_per_user_month", "0.01"),
        ("exit_engineer_months", True),
    ],
)
def test_an_option_that_makes_no_sense_is_refused(field: str, value: object) -> None:
    fields: dict[str, object] = {"upfront_engineer_months": 1, "engineer_months_per_year": 1, "fixed_per_month": 0}
    fields[field] = value
    with pytest.raises(ValueError, match=f"{field} must be a finite number >= 0"):
        Option("x", **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize("users", [[], [-1, 100]])
def test_user_counts_must_be_one_non_negative_number_a_year(users: list[int]) -> None:
    with pytest.raises(ValueError, match="one non-negative user count per year"):
        total_cost(BUY, users)
