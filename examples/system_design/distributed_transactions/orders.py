"""The order saga's three services, each with its own SQLite database, and their wiring.

Every operation is one local transaction keyed by the saga id, and answers a
repeat with its first answer: a second reserve, charge or refund with the same
id changes nothing, and a refusal stays a refusal. A compensation that arrives
before its action (the action timed out and is still on its way) records a
tombstone, so the late action does nothing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from examples.system_design.distributed_transactions.saga import (
    Orchestrator,
    SagaResult,
    Step,
    StepFailed,
)


class OutOfStock(StepFailed):
    pass


class CardDeclined(StepFailed):
    pass


class NoCarrier(StepFailed):
    pass


@dataclass(frozen=True)
class Order:
    order_id: str
    customer: str
    sku: str
    quantity: int
    amount_cents: int
    country: str  # ISO 3166 alpha-2, e.g. "US"

    def __post_init__(self) -> None:
        for name in ("order_id", "customer", "sku"):
            value = getattr(self, name)
            if not isinstance(value, str) or not value:
                raise ValueError(f"{name} must be a non-empty str, got {value!r}")
        for name in ("quantity", "amount_cents"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError(f"{name} must be an int, got {type(value).__name__}")
            if value <= 0:
                raise ValueError(f"{name} must be positive, got {value}")
        if not (
            isinstance(self.country, str)
            and len(self.country) == 2
            and self.country.isupper()
        ):
            raise ValueError(
                f"country must be two capital letters, got {self.country!r}"
            )


class _Service:
    def __init__(self, path: Path, schema: str) -> None:
        self._db = sqlite3.connect(path, timeout=5, isolation_level=None)
        self._db.executescript(schema)

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        # IMMEDIATE takes the write lock first, so check-then-write cannot interleave.
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def close(self) -> None:
        self._db.close()


class Inventory(_Service):
    """Stock per SKU. A reservation takes stock out of `available` at once."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            path,
            """
            CREATE TABLE IF NOT EXISTS stock (
                sku       TEXT PRIMARY KEY,
                available INTEGER NOT NULL CHECK (available >= 0));
            CREATE TABLE IF NOT EXISTS reservations (
                saga_id  TEXT PRIMARY KEY,
                sku      TEXT,
                quantity INTEGER NOT NULL,
                status   TEXT NOT NULL
                         CHECK (status IN ('reserved', 'rejected', 'released')));
            """,
        )

    def add_stock(self, sku: str, quantity: int) -> None:
        if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 0:
            raise ValueError(f"quantity must be an int >= 0, got {quantity!r}")
        with self._transaction() as db:
            db.execute(
                "INSERT INTO stock VALUES (?, ?) ON CONFLICT (sku)"
                " DO UPDATE SET available = available + excluded.available",
                (sku, quantity),
            )

    # --8<-- [start:reserve]
    def reserve(self, saga_id: str, sku: str, quantity: int) -> None:
        with self._transaction() as db:
            row = db.execute(
                "SELECT status FROM reservations WHERE saga_id = ?", (saga_id,)
            ).fetchone()
            if row is not None:  # a repeat: answer as the first time, change nothing
                if row[0] == "rejected":
                    raise OutOfStock(f"{quantity} x {sku} not available")
                return  # 'reserved', or 'released' (this action arrived late)
            taken = db.execute(
                "UPDATE stock SET available = available - ?"
                " WHERE sku = ? AND available >= ?",
                (quantity, sku, quantity),
            ).rowcount
            status = "reserved" if taken else "rejected"
            db.execute(
                "INSERT INTO reservations VALUES (?, ?, ?, ?)",
                (saga_id, sku, quantity, status),
            )
        if not taken:  # raised after COMMIT, so the refusal is remembered
            raise OutOfStock(f"{quantity} x {sku} not available")

    def release(self, saga_id: str) -> None:
        with self._transaction() as db:
            row = db.execute(
                "SELECT sku, quantity, status FROM reservations WHERE saga_id = ?",
                (saga_id,),
            ).fetchone()
            if row is None:  # the reserve never arrived: a tombstone stops it
                db.execute(
                    "INSERT INTO reservations VALUES (?, NULL, 0, 'released')",
                    (saga_id,),
                )
            elif row[2] == "reserved":
                db.execute(
                    "UPDATE stock SET available = available + ? WHERE sku = ?",
                    (row[1], row[0]),
                )
                db.execute(
                    "UPDATE reservations SET status = 'released' WHERE saga_id = ?",
                    (saga_id,),
                )

    # --8<-- [end:reserve]

    def available(self, sku: str) -> int:
        row = self._db.execute(
            "SELECT available FROM stock WHERE sku = ?", (sku,)
        ).fetchone()
        return 0 if row is None else row[0]

    def reservation(self, saga_id: str) -> str | None:
        row = self._db.execute(
            "SELECT status FROM reservations WHERE saga_id = ?", (saga_id,)
        ).fetchone()
        return None if row is None else row[0]


class Payments(_Service):
    """Charges against a per-customer card limit, and the emails about them.

    The emails table is an outbox: an email is written in the same local
    transaction as the charge or refund it announces, and a relay sends it.
    """

    def __init__(self, path: Path) -> None:
        super().__init__(
            path,
            """
            CREATE TABLE IF NOT EXISTS cards (
                customer    TEXT PRIMARY KEY,
                limit_cents INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS charges (
                saga_id      TEXT PRIMARY KEY,
                customer     TEXT,
                amount_cents INTEGER NOT NULL,
                status       TEXT NOT NULL
                             CHECK (status IN ('charged', 'declined', 'refunded')));
            CREATE TABLE IF NOT EXISTS emails (
                id       INTEGER PRIMARY KEY AUTOINCREMENT,
                customer TEXT NOT NULL,
                subject  TEXT NOT NULL);
            """,
        )

    def add_card(self, customer: str, limit_cents: int) -> None:
        with self._transaction() as db:
            db.execute("INSERT INTO cards VALUES (?, ?)", (customer, limit_cents))

    def charge(self, saga_id: str, customer: str, amount_cents: int) -> None:
        with self._transaction() as db:
            row = db.execute(
                "SELECT status FROM charges WHERE saga_id = ?", (saga_id,)
            ).fetchone()
            if row is not None:
                if row[0] == "declined":
                    raise CardDeclined(f"card declined for {amount_cents} cents")
                return
            card = db.execute(
                "SELECT limit_cents FROM cards WHERE customer = ?", (customer,)
            ).fetchone()
            ok = card is not None and amount_cents <= card[0]
            db.execute(
                "INSERT INTO charges VALUES (?, ?, ?, ?)",
                (saga_id, customer, amount_cents, "charged" if ok else "declined"),
            )
            if ok:
                db.execute(
                    "INSERT INTO emails (customer, subject) VALUES (?, ?)",
                    (customer, f"Payment received for {saga_id}"),
                )
        if not ok:
            raise CardDeclined(f"card declined for {amount_cents} cents")

    def refund(self, saga_id: str) -> None:
        with self._transaction() as db:
            row = db.execute(
                "SELECT customer, status FROM charges WHERE saga_id = ?", (saga_id,)
            ).fetchone()
            if row is None:
                db.execute(
                    "INSERT INTO charges VALUES (?, NULL, 0, 'refunded')", (saga_id,)
                )
            elif row[1] == "charged":
                db.execute(
                    "UPDATE charges SET status = 'refunded' WHERE saga_id = ?",
                    (saga_id,),
                )
                # The first email is out: a compensation can only send another.
                db.execute(
                    "INSERT INTO emails (customer, subject) VALUES (?, ?)",
                    (row[0], f"Refund issued for {saga_id}"),
                )

    def charge_status(self, saga_id: str) -> str | None:
        row = self._db.execute(
            "SELECT status FROM charges WHERE saga_id = ?", (saga_id,)
        ).fetchone()
        return None if row is None else row[0]

    def charged_cents(self, customer: str) -> int:
        """What the customer is out of pocket now: charges not refunded."""
        row = self._db.execute(
            "SELECT coalesce(sum(amount_cents), 0) FROM charges"
            " WHERE customer = ? AND status = 'charged'",
            (customer,),
        ).fetchone()
        return row[0]

    def emails(self, customer: str) -> list[str]:
        rows = self._db.execute(
            "SELECT subject FROM emails WHERE customer = ? ORDER BY id", (customer,)
        )
        return [subject for (subject,) in rows]


class Shipping(_Service):
    """Schedules a shipment if a carrier serves the destination country."""

    def __init__(self, path: Path, served: frozenset[str] = frozenset({"US", "CA"})):
        self._served = served
        super().__init__(
            path,
            """
            CREATE TABLE IF NOT EXISTS shipments (
                saga_id TEXT PRIMARY KEY,
                country TEXT,
                status  TEXT NOT NULL
                        CHECK (status IN ('scheduled', 'rejected', 'canceled')));
            """,
        )

    def schedule(self, saga_id: str, country: str) -> None:
        with self._transaction() as db:
            row = db.execute(
                "SELECT status FROM shipments WHERE saga_id = ?", (saga_id,)
            ).fetchone()
            if row is not None:
                if row[0] == "rejected":
                    raise NoCarrier(f"no carrier serves {country}")
                return
            ok = country in self._served
            db.execute(
                "INSERT INTO shipments VALUES (?, ?, ?)",
                (saga_id, country, "scheduled" if ok else "rejected"),
            )
        if not ok:
            raise NoCarrier(f"no carrier serves {country}")

    def cancel(self, saga_id: str) -> None:
        with self._transaction() as db:
            db.execute(
                "INSERT INTO shipments VALUES (?, NULL, 'canceled')"
                " ON CONFLICT (saga_id) DO UPDATE SET status = 'canceled'"
                " WHERE status = 'scheduled'",
                (saga_id,),
            )

    def status(self, saga_id: str) -> str | None:
        row = self._db.execute(
            "SELECT status FROM shipments WHERE saga_id = ?", (saga_id,)
        ).fetchone()
        return None if row is None else row[0]


# --8<-- [start:steps]
def order_steps(
    inventory: Inventory, payments: Payments, shipping: Shipping
) -> list[Step]:
    """The order saga: each step's action and the compensation that undoes it."""
    return [
        Step(
            "reserve_inventory",
            lambda saga, o: inventory.reserve(saga, o["sku"], o["quantity"]),
            lambda saga, o: inventory.release(saga),
        ),
        Step(
            "charge_payment",
            lambda saga, o: payments.charge(saga, o["customer"], o["amount_cents"]),
            lambda saga, o: payments.refund(saga),
        ),
        Step(
            "schedule_shipping",
            lambda saga, o: shipping.schedule(saga, o["country"]),
            lambda saga, o: shipping.cancel(saga),
        ),
    ]


# --8<-- [end:steps]


class Shop:
    """The three services and the orchestrator, each on its own file in `directory`.

    Opening a second Shop on the same directory is what a restarted process does.
    """

    def __init__(
        self,
        directory: str | Path,
        *,
        hook: Callable[[str, str], None] | None = None,
        max_attempts: int = 3,
    ) -> None:
        directory = Path(directory)
        self.inventory = Inventory(directory / "inventory.sqlite3")
        self.payments = Payments(directory / "payments.sqlite3")
        self.shipping = Shipping(directory / "shipping.sqlite3")
        self.orchestrator = Orchestrator(
            directory / "orders.sqlite3",
            order_steps(self.inventory, self.payments, self.shipping),
            max_attempts=max_attempts,
            hook=hook,
        )

    def place(self, order: Order) -> SagaResult:
        """Start the saga for `order` (or resume it, if this order id exists)."""
        if not isinstance(order, Order):
            raise TypeError(f"order must be an Order, got {type(order).__name__}")
        return self.orchestrator.start(order.order_id, asdict(order))

    def close(self) -> None:
        for part in (self.orchestrator, self.inventory, self.payments, self.shipping):
            part.close()
