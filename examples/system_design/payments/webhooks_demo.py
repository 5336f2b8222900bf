"""Webhook events delivered twice and out of order: each applied once, in effect.

Three pending payments and the processor's events for them, each delivered
one to three times in a seeded shuffle. The tests run the same deliveries
from many threads at once.
"""

# requires-server: postgres

from __future__ import annotations

import random
import uuid

from examples.scratch_postgres import connect, scratch_schema
from examples.system_design.payments.bookkeeping import NewPayment, insert_payment
from examples.system_design.payments.ledger import audit
from examples.system_design.payments.processor import Event
from examples.system_design.payments.schema import create_schema
from examples.system_design.payments.webhooks import handle_event


def deliveries(events: list[Event], rng: random.Random) -> list[Event]:
    """Each event one to three times, in a shuffled order: at-least-once delivery."""
    repeated = [event for event in events for _ in range(rng.randint(1, 3))]
    rng.shuffle(repeated)
    return repeated


if __name__ == "__main__":
    with scratch_schema("ex_webhooks") as schema, connect(schema) as conn:
        create_schema(conn)
        ids = {name: uuid.UUID(int=n) for n, name in enumerate("abc", start=1)}
        for payment_id in ids.values():
            insert_payment(
                conn, payment_id, NewPayment("shop-1", 1999, "USD", "tok_visa")
            )
        # --8<-- [start:deliver]
        a, b, c = (str(ids[name]) for name in "abc")
        events = [
            Event("evt_1", a, "succeeded"),
            Event("evt_2", b, "succeeded"),
            Event("evt_3", b, "refunded"),
            Event("evt_4", c, "failed"),
        ]
        for event in deliveries(events, random.Random(16)):
            print(event.id, event.status, "->", handle_event(conn, event))
            #> evt_3 refunded -> applied
            #> evt_4 failed -> applied
            #> evt_2 succeeded -> stale
            #> evt_3 refunded -> duplicate
            #> evt_1 succeeded -> applied
            #> evt_2 succeeded -> duplicate
            #> evt_1 succeeded -> duplicate
            #> evt_4 failed -> duplicate
        bug = Event("evt_5", a, "failed")  # a processor bug: failed after success
        print(bug.id, bug.status, "->", handle_event(conn, bug))
        #> evt_5 failed -> refused
        # --8<-- [end:deliver]
        # --8<-- [start:result]
        rows = conn.execute(
            "SELECT p.id, p.status, array_agg(e.kind ORDER BY e.id)"
            " FILTER (WHERE e.id IS NOT NULL) FROM payments p LEFT JOIN"
            " journal_entries e ON e.reference = p.id::text GROUP BY p.id ORDER BY p.id"
        ).fetchall()
        for payment_id, status, entries in rows:
            print(str(payment_id)[-1], status, entries)
            #> 1 succeeded ['charge']
            #> 2 refunded ['charge', 'refund']
            #> 3 failed None
        print(audit(conn))
        #> {'sum per currency': {'USD': 0}, 'drifted': 0, 'overdrawn': 0}
        # --8<-- [end:result]
