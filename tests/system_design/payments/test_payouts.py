"""Payouts decide from a balance in code: without the row lock, two pay the same money."""

from __future__ import annotations

import threading
import time
import uuid

import psycopg

from examples.scratch_postgres import connect
from examples.system_design.payments.bookkeeping import NewPayment, insert_payment
from examples.system_design.payments.ledger import balances, open_account, transfer
from examples.system_design.payments.lock_order_demo import waiting_on_lock
from examples.system_design.payments.payouts import pay_out
from examples.system_design.payments.processor import Event
from examples.system_design.payments.webhooks import Outcome, handle_event

MERCHANT = "merchant:shop-1:USD"


def funded(db: psycopg.Connection, amount: int) -> None:
    open_account(db, "world", "USD", allow_negative=True)
    open_account(db, MERCHANT, "USD", allow_negative=True)  # as bookkeeping opens it
    transfer(db, "world", MERCHANT, amount, "USD", reference="fund")


def paid_out_at_most_the_balance(db: psycopg.Connection, sent: list[int], had: int) -> bool:
    """The invariant: the payouts add up to what was there, and nothing is owed."""
    return sum(sent) == had and balances(db)[MERCHANT] == 0


def test_two_unlocked_payouts_both_send_the_same_money(schema: str, postgres_dsn: str) -> None:
    """The read-modify-write race, made certain: both read before either writes."""
    both_read = threading.Barrier(2, timeout=10)
    sent: list[int] = []
    with connect(schema, postgres_dsn) as db:
        funded(db, 1_000)
        conns = [connect(schema, postgres_dsn) for _ in range(2)]
        try:
            threads = [
                threading.Thread(
                    target=lambda c=c, n=n: sent.append(
                        pay_out(c, MERCHANT, "USD", reference=f"p-{n}", lock=False, after_read=both_read.wait)
                    )
                )
                for n, c in enumerate(conns)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=30)
        finally:
            for conn in conns:
                conn.close()
        assert sent == [1_000, 1_000]  # 2,000 sent from a balance of 1,000
        assert not paid_out_at_most_the_balance(db, sent, 1_000)
        assert balances(db)[MERCHANT] == -1_000  # no CHECK stops it: debts are allowed


def test_a_locked_payout_makes_the_second_wait_and_read_what_is_left(schema: str, postgres_dsn: str) -> None:
    sent: dict[str, int] = {}  # by payout: B can return before A's call does
    with (
        connect(schema, postgres_dsn) as db,
        connect(schema, postgres_dsn) as a,
        connect(schema, postgres_dsn) as b,
    ):
        funded(db, 1_000)
        second = threading.Thread(target=lambda: sent.update(b=pay_out(b, MERCHANT, "USD", reference="p-b")))

        def hold_until_b_waits() -> None:  # A has read; B must now queue on the row
            second.start()
            deadline = time.monotonic() + 10
            while not waiting_on_lock(db, b):
                assert time.monotonic() < deadline, "B never waited on A's row lock"
                time.sleep(0.01)

        sent["a"] = pay_out(a, MERCHANT, "USD", reference="p-a", after_read=hold_until_b_waits)
        second.join(timeout=30)
        assert sent == {"a": 1_000, "b": 0}
        assert paid_out_at_most_the_balance(db, list(sent.values()), 1_000)


def test_a_refund_after_a_payout_lands_and_leaves_the_merchant_owing(db: psycopg.Connection) -> None:
    """With a non-negative merchant account the refund's webhook failed on every delivery."""
    payment = uuid.uuid4()
    insert_payment(db, payment, NewPayment("shop-1", 10_000, "USD", "tok_visa"))
    assert handle_event(db, Event("e1", str(payment), "succeeded")) is Outcome.APPLIED
    assert pay_out(db, MERCHANT, "USD", reference="payout-1") == 9_710  # after the fee
    assert handle_event(db, Event("e2", str(payment), "refunded")) is Outcome.APPLIED
    assert balances(db)[MERCHANT] == -9_710
    row = db.execute("SELECT status FROM payments WHERE id = %s", (payment,)).fetchone()
    assert row == ("refunded",)
