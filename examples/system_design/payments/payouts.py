"""A payout decides from a balance in code: the one place the ledger needs a lock.

A merchant's account may go negative (a refund after a payout is a debt the
merchant owes), so no CHECK stops a payout of money that is not there. The
payout reads the balance and decides in Python how much to send; two payouts
that both read before either writes both send it. `SELECT ... FOR UPDATE`
makes the second wait, and at READ COMMITTED it then reads the balance the
first one left.
"""

from __future__ import annotations

from collections.abc import Callable

import psycopg

from examples.system_design.payments.ledger import (
    UnknownAccountError,
    open_account,
    post_entry,
)

PAYOUTS_ACCOUNT = "payouts:{currency}"  # money sent to merchants' banks
READ = "SELECT balance FROM accounts WHERE id = %s"
READ_LOCKED = READ + " FOR UPDATE"  # the read the decision rests on, held


# --8<-- [start:pay_out]
def pay_out(
    conn: psycopg.Connection,
    account: str,
    currency: str,
    *,
    reference: str,
    lock: bool = True,
    after_read: Callable[[], None] = lambda: None,
) -> int:
    """Send the account's whole positive balance to the bank; the amount sent.

    `lock=False` is the bug this module exists to show; `after_read` lets a
    test hold the window between reading and writing open.
    """
    bank = PAYOUTS_ACCOUNT.format(currency=currency)
    open_account(conn, bank, currency, allow_negative=False)
    with conn.transaction():
        row = conn.execute(READ_LOCKED if lock else READ, (account,)).fetchone()
        if row is None:
            raise UnknownAccountError(f"there is no account {account!r}")
        after_read()
        amount = int(row[0])
        if amount <= 0:
            return 0  # nothing to send (or a debt to recover first)
        post_entry(
            conn, "payout", reference, currency, {account: -amount, bank: amount}
        )
    return amount


# --8<-- [end:pay_out]
