"""FakeProcessor: an in-process stand-in for a card processor's API.

A real processor (a payment service provider) is another company's HTTPS API:
we cannot run it here, so this class plays its part inside the example's own
process. It keeps the behaviors the design depends on: charges deduplicated
by the idempotency key we send for as long as the processor keeps keys (24
hours here, as Stripe and Checkout.com document), timeouts that hide whether
a charge happened, a search by our own reference, webhook events, and a
daily settlement report. The
network is simulated by scripted faults and an outage switch; no sockets.
"""

from __future__ import annotations

import random
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum


class Fault(StrEnum):
    """What the next call suffers, as a client would see it."""

    LOST_REQUEST = "lost request"  # timed out before the processor saw it
    LOST_RESPONSE = "lost response"  # the charge happened; its reply never came


class ProcessorTimeoutError(TimeoutError):
    """No answer within the timeout: the charge may or may not have happened."""


class ProcessorRequestError(ValueError):
    """The processor refused the request itself (like a 4xx): nothing happened."""


@dataclass(frozen=True)
class Charge:
    id: str  # the processor's reference, "ch_..."
    idempotency_key: str
    reference: str  # our payment id, sent as metadata
    amount: int
    currency: str
    status: str  # succeeded or failed
    decline_code: str | None


@dataclass(frozen=True)
class Event:
    """A webhook event: delivered at least once, in no particular order."""

    id: str
    reference: str  # our payment id
    status: str  # what the payment became: succeeded, failed, refunded


# Test tokens, as processors publish them for their sandboxes.
DECLINED_TOKEN = "tok_decline"  # noqa: S105 (a sandbox card token, not a secret)
# Stripe prunes idempotency keys once they are at least 24 hours old, and a
# pruned key sent again makes a new request (docs.stripe.com/api/idempotent_requests).
KEY_WINDOW_SECONDS = 24 * 60 * 60


# --8<-- [start:processor]
@dataclass
class FakeProcessor:
    """In-process fake of a processor's API: charges deduplicated by our key, for a while."""

    charges: dict[str, Charge] = field(default_factory=dict)  # by charge id
    keys: dict[str, tuple[float, Charge]] = field(
        default_factory=dict
    )  # key: (when, charge)
    clock: Callable[[], float] = time.monotonic
    events: list[Event] = field(default_factory=list)
    faults: deque[Fault] = field(default_factory=deque)
    refunded: set[str] = field(default_factory=set)  # ids of refunded charges
    create_calls: int = 0  # how many charge requests reached it
    _lock: threading.Lock = field(default_factory=threading.Lock)
    available: bool = True  # False: every call times out, status queries too
    hold: threading.Event | None = None  # if set, charges wait for it (tests)
    in_call: threading.Event = field(default_factory=threading.Event)

    def create_charge(
        self,
        *,
        idempotency_key: str,
        reference: str,
        amount: int,
        currency: str,
        token: str,
        timeout: float,
    ) -> Charge:
        """Charge the card behind `token`; a key repeated within the window: its first charge."""
        if timeout <= 0:
            raise ValueError("every call to the processor needs a positive timeout")
        fault = self._next_fault()
        if not self.available or fault is Fault.LOST_REQUEST:
            raise ProcessorTimeoutError(f"no reply within {timeout} s")
        self.in_call.set()
        if self.hold is not None and not self.hold.wait(timeout):
            raise ProcessorTimeoutError(f"no reply within {timeout} s")
        with self._lock:
            self.create_calls += 1
            now = self.clock()
            seen = self.keys.get(idempotency_key)
            charge = seen[1] if seen and now - seen[0] < KEY_WINDOW_SECONDS else None
            if charge is None:  # a new key, or one pruned: a new charge
                declined = token == DECLINED_TOKEN
                charge = Charge(
                    id=f"ch_{len(self.charges) + 1:04d}",
                    idempotency_key=idempotency_key,
                    reference=reference,
                    amount=amount,
                    currency=currency,
                    status="failed" if declined else "succeeded",
                    decline_code="card_declined" if declined else None,
                )
                self.charges[charge.id] = charge
                self.keys[idempotency_key] = (now, charge)
                self._emit(reference, charge.status)
            elif (charge.amount, charge.currency) != (amount, currency):
                raise ProcessorRequestError("key reused with different parameters")
        if fault is Fault.LOST_RESPONSE:
            raise ProcessorTimeoutError(f"no reply within {timeout} s")
        return charge

    def find_charges(self, reference: str, *, timeout: float) -> list[Charge]:
        """Charges whose metadata holds our `reference`: how processors let you look up.

        There is no lookup by idempotency key; a search by your own metadata is
        what processors offer (and it may lag a little behind new charges).
        """
        if timeout <= 0:
            raise ValueError("every call to the processor needs a positive timeout")
        if not self.available or self._next_fault() is not None:
            raise ProcessorTimeoutError(f"no reply within {timeout} s")
        with self._lock:
            return [c for c in self.charges.values() if c.reference == reference]

    # --8<-- [end:processor]

    def refund(self, reference: str) -> None:
        """Refund the successful charge for our `reference` (emits a refunded event)."""
        with self._lock:
            found = [c for c in self.charges.values() if c.reference == reference]
            ok = [c for c in found if c.status == "succeeded"]
            if len(ok) != 1 or ok[0].id in self.refunded:
                raise ProcessorRequestError(f"cannot refund a charge for {reference}")
            charge = ok[0]
            self.refunded.add(charge.id)
            self._emit(charge.reference, "refunded")

    def script(self, *faults: Fault) -> None:
        """The next calls suffer these faults, one each, in order."""
        self.faults.extend(faults)

    def _next_fault(self) -> Fault | None:
        with self._lock:
            return self.faults.popleft() if self.faults else None

    def _emit(self, reference: str, status: str) -> None:
        self.events.append(Event(f"evt_{len(self.events) + 1:04d}", reference, status))

    # --8<-- [start:settlement]
    def settlement_report(self, seed: int, *, faults: int = 0) -> list[dict[str, str]]:
        """The day's settled charges and refunds as CSV-like rows, `faults` of them wrong.

        Each fault is one of: a row dropped, an amount changed, a row
        repeated, or a row for a charge we never made. Real reports have such
        errors rarely; reconciliation exists to find them.
        """
        rng = random.Random(seed)
        rows = []
        for charge in sorted(self.charges.values(), key=lambda c: c.id):
            if charge.status != "succeeded":
                continue  # a declined charge moves no money
            kinds = ["charge"]
            if charge.id in self.refunded:
                kinds.append("refund")
            rows += [
                {"type": kind, "reference": charge.reference}
                | {"amount": str(charge.amount), "currency": charge.currency}
                for kind in kinds
            ]
        for n in range(faults):
            kind = rng.choice(["drop", "amount", "repeat", "extra"])
            if kind == "extra" or not rows:
                rows.append(
                    {"type": "charge", "reference": f"unknown-{n}"}
                    | {"amount": str(rng.randint(100, 9_999)), "currency": "USD"}
                )
            elif kind == "drop":
                rows.pop(rng.randrange(len(rows)))
            elif kind == "amount":
                row = rows[rng.randrange(len(rows))]
                row["amount"] = str(int(row["amount"]) + rng.choice([-1, 1, 100]))
            else:
                rows.append(dict(rows[rng.randrange(len(rows))]))
        rng.shuffle(rows)
        return rows

    # --8<-- [end:settlement]
