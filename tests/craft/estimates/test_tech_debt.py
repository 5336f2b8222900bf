"""Technical debt as a loan: rate, payback, net hours, the ranking and the pitch."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.craft.estimates.tech_debt import DEBTS, Debt, pitch, table


def test_rate_payback_and_net_for_one_debt() -> None:
    debt = Debt("manual deploys", principal_hours=40, interest_hours_per_week=8)
    assert debt.weekly_rate == 0.2
    assert debt.payback_weeks == 5
    assert debt.net_hours(5) == 0
    assert debt.net_hours(26) == 8 * 26 - 40


def test_a_debt_that_costs_nothing_never_pays_back() -> None:
    free = Debt("ugly but harmless", principal_hours=10, interest_hours_per_week=0)
    assert free.payback_weeks == float("inf")
    assert free.net_hours(52) == -10


@pytest.mark.parametrize(("principal", "interest"), [(0, 1), (-5, 1), (10, -1)])
def test_impossible_debts_are_refused(principal: float, interest: float) -> None:
    with pytest.raises(ValueError, match="principal must be > 0, interest >= 0"):
        Debt("bad", principal, interest)


@given(st.floats(0.5, 500), st.floats(0.01, 50))
def test_net_is_zero_at_payback_and_grows_with_time(principal: float, interest: float) -> None:
    debt = Debt("d", principal, interest)
    assert debt.net_hours(debt.payback_weeks) == pytest.approx(0, abs=1e-6)
    assert debt.net_hours(debt.payback_weeks + 1) > 0 > debt.net_hours(debt.payback_weeks / 2)


def test_the_interest_is_computed_from_the_counts_in_the_comments() -> None:
    by_name = {d.name: d for d in DEBTS}
    assert by_name["manual deploys"].interest_hours_per_week == pytest.approx(8.4)
    assert by_name["flaky integration tests"].interest_hours_per_week == pytest.approx(6.0)
    assert by_name["legacy template engine"].net_hours(26) < 0  # the one to leave for now


def test_table_ranks_by_payback_and_pitch_speaks_in_engineer_days() -> None:
    lines = table(DEBTS)
    names = [line[:29].strip() for line in lines[1:]]
    assert names == [d.name for d in sorted(DEBTS, key=lambda d: d.payback_weeks)]
    assert lines[0].endswith("net 26 wk")
    text = " ".join(pitch(DEBTS[0]))
    assert "costs 5 engineer-days once" in text
    assert "returns 22 engineer-days" in text
    assert all(len(line) <= 76 for line in pitch(DEBTS[0]))
