"""The payment state machine against a brute-force model, and the database's copy of it."""

from __future__ import annotations

import itertools
import uuid

import psycopg
import pytest

from examples.system_design.payments.bookkeeping import NewPayment, insert_payment
from examples.system_design.payments.states import (
    TRANSITIONS,
    IllegalTransitionError,
    PaymentStatus,
    path_to,
    reachable,
)

S = PaymentStatus
PAIRS = list(itertools.product(S, repeat=2))


def all_paths(start: PaymentStatus) -> dict[PaymentStatus, list[PaymentStatus]]:
    """Brute force: every status reachable from `start`, with a shortest path to it."""
    paths: dict[PaymentStatus, list[PaymentStatus]] = {}
    frontier = [(start, [])]
    while frontier:
        status, steps = frontier.pop()
        for following in TRANSITIONS[status]:
            if following not in paths or len(paths[following]) > len(steps) + 1:
                paths[following] = [*steps, following]
            frontier.append((following, [*steps, following]))
    return paths


@pytest.mark.parametrize(("current", "target"), PAIRS, ids=[f"{a}->{b}" for a, b in PAIRS])
def test_path_to_agrees_with_brute_force(current: PaymentStatus, target: PaymentStatus) -> None:
    forward = all_paths(current)
    if target == current or current in all_paths(target):
        assert path_to(current, target) == []
    elif target in forward:
        steps = path_to(current, target)
        assert len(steps) == len(forward[target]) and steps[-1] == target
        for before, after in itertools.pairwise([current, *steps]):
            assert after in TRANSITIONS[before]
    else:
        with pytest.raises(IllegalTransitionError, match=f"a {current} payment cannot become {target}"):
            path_to(current, target)


def test_the_machine_has_one_start_and_terminal_ends() -> None:
    assert reachable(S.PENDING) == {S.SUCCEEDED, S.FAILED, S.REFUNDED, S.NEEDS_REVIEW}
    assert path_to(S.NEEDS_REVIEW, S.REFUNDED) == [S.SUCCEEDED, S.REFUNDED]
    assert not TRANSITIONS[S.FAILED] and not TRANSITIONS[S.REFUNDED]
    assert path_to(S.PENDING, S.REFUNDED) == [S.SUCCEEDED, S.REFUNDED]


def test_an_unknown_status_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="'captured'"):
        PaymentStatus("captured")


@pytest.mark.parametrize(("current", "target"), PAIRS, ids=[f"{a}->{b}" for a, b in PAIRS])
def test_the_database_allows_exactly_the_machines_steps(
    db: psycopg.Connection, current: PaymentStatus, target: PaymentStatus
) -> None:
    payment_id = uuid.uuid4()
    insert_payment(db, payment_id, NewPayment("shop-1", 100, "USD", "tok_visa"))
    for step in all_paths(S.PENDING).get(current, []):
        db.execute("UPDATE payments SET status = %s WHERE id = %s", (step, payment_id))
    update = "UPDATE payments SET status = %s WHERE id = %s"
    if target in TRANSITIONS[current] or target == current:
        db.execute(update, (target, payment_id))
    else:
        with pytest.raises(psycopg.errors.CheckViolation, match=f"a {current} payment cannot become {target}"):
            db.execute(update, (target, payment_id))
    row = db.execute("SELECT status FROM payments WHERE id = %s", (payment_id,)).fetchone()
    assert row is not None
    assert row[0] == (target if target in TRANSITIONS[current] or target == current else current)
