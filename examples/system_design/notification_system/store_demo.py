"""Caps, a one-click unsubscribe and out-of-order callbacks, on a scratch PostgreSQL schema."""

# requires-server: postgres

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from examples.scratch_postgres import connect, scratch_schema
from examples.system_design.notification_system import store
from examples.system_design.notification_system.fanout import Event, fan_out
from examples.system_design.notification_system.unsubscribe import (
    unsubscribe_headers,
    verify_one_click,
)

SECRET = b"demo-only-secret-0123456789abcdef"  # from a secret store in production

if __name__ == "__main__":
    with scratch_schema("ex_notify") as schema, connect(schema) as conn:
        store.create_tables(conn)
        store.save_settings(conn, 42, "America/New_York", daily_cap=3)
        # --8<-- [start:admit]
        # 03:30 UTC on 2 June is 23:30 on 1 June in New York: still the 1st there.
        late = datetime(2025, 6, 2, 3, 30, tzinfo=UTC)
        print([store.admit(conn, 42, "social", "push", late) for _ in range(4)])
        #> ['send', 'send', 'send', 'capped']
        print("critical at the cap:", store.admit(conn, 42, "critical", "sms", late))
        #> critical at the cap: send
        print(
            "an hour later:",
            store.admit(conn, 42, "social", "push", late + timedelta(hours=1)),
        )
        #> an hour later: send

        headers = unsubscribe_headers("https://n.example.com", 42, "marketing", SECRET)
        print(headers["List-Unsubscribe-Post"])
        #> List-Unsubscribe=One-Click
        token = headers["List-Unsubscribe"].rsplit("/", 1)[1].rstrip(">")
        form = "application/x-www-form-urlencoded"  # or multipart/form-data
        user, category = verify_one_click(
            token, form, b"List-Unsubscribe=One-Click", SECRET
        )
        for _ in range(2):  # the client may POST twice
            store.set_preference(conn, user, category, "email", False, late)
        print("marketing email:", store.admit(conn, 42, "marketing", "email", late))
        #> marketing email: opted out
        # --8<-- [end:admit]

        # --8<-- [start:replay]
        batch = next(fan_out(Event("cmp-7", "campaign", ("push",)), range(1_000)))
        print("first delivery:", len(store.enqueue_batch(conn, batch, late)), "new")
        #> first delivery: 1000 new
        print("replayed batch:", len(store.enqueue_batch(conn, batch, late)), "new")
        #> replayed batch: 0 new
        # --8<-- [end:replay]

        # --8<-- [start:callbacks]
        store.enqueue(conn, "ntf-1", 42, "email", late)
        callbacks = [  # as they arrive: out of order, one retried by the provider
            ("ev-2", "delivered"),
            ("ev-1", "sent"),
            ("ev-2", "delivered"),
            ("ev-3", "opened"),
            ("ev-4", "failed"),
        ]
        for event_id, state in callbacks:
            result = store.record_callback(conn, "ses", event_id, "ntf-1", state, late)
            now_in = store.state_of(conn, "ntf-1")
            print(f"{event_id} {state:<9} -> {result:<9} now {now_in}")
            #> ev-2 delivered -> applied   now delivered
            #> ev-1 sent      -> stale     now delivered
            #> ev-2 delivered -> duplicate now delivered
            #> ev-3 opened    -> applied   now opened
            #> ev-4 failed    -> stale     now opened
        # --8<-- [end:callbacks]
