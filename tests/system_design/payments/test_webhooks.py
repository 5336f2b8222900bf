"""Webhooks: shuffled, duplicated, concurrent deliveries end where the processor's history ends."""

from __future__ import annotations

import random
import threading
import uuid
from collections import Counter
from collections.abc import Iterator

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from examples import server_settings
from examples.scratch_postgres import connect, scratch_schema
from examples.system_design.payments.bookkeeping import NewPayment, insert_payment
from examples.system_design.payments.ledger import audit
from examples.system_design.payments.processor import Event
from examples.system_design.payments.schema import create_schema
from examples.system_design.payments.webhooks import (
    MAX_BODY_BYTES,
    TOLERANCE_SECONDS,
    BadSignatureError,
    Outcome,
    event_body,
    handle_event,
    parse_signed,
    sign,
)
from tests.support.servers import require_server
from tests.system_design.payments.ledger_helpers import wipe

HISTORIES = [["succeeded"], ["succeeded", "refunded"], ["failed"]]
WORKERS = 6
SECRET = b"test-secret"


@pytest.fixture(scope="module")
def pool() -> Iterator[list[psycopg.Connection]]:
    require_server("postgres")
    dsn = server_settings.postgres_dsn()
    with scratch_schema("t_payhooks", dsn) as name:
        conns = [connect(name, dsn) for _ in range(WORKERS + 1)]
        try:
            create_schema(conns[0])
            yield conns
        finally:
            for conn in conns:
                conn.close()


def deliver(conns: list[psycopg.Connection], deliveries: list[Event]) -> Counter[Outcome]:
    """Hand the deliveries to WORKERS threads at once; count the outcomes."""
    outcomes: Counter[Outcome] = Counter()
    errors: list[BaseException] = []
    lock = threading.Lock()
    start = threading.Barrier(WORKERS)

    def worker(n: int) -> None:
        start.wait(timeout=10)
        for event in deliveries[n::WORKERS]:
            try:
                outcome = handle_event(conns[n], event)
            except BaseException as error:
                with lock:
                    errors.append(error)
            else:
                with lock:
                    outcomes[outcome] += 1

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    return outcomes


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    histories=st.lists(st.sampled_from(HISTORIES), min_size=1, max_size=6),
    copies=st.lists(st.integers(1, 4), min_size=12, max_size=12),
    seed=st.integers(0, 10**6),
)
def test_shuffled_duplicates_apply_each_event_once(
    pool: list[psycopg.Connection], histories: list[list[str]], copies: list[int], seed: int
) -> None:
    admin = pool[WORKERS]
    wipe(admin, "postings, journal_entries, accounts, processor_events, payments")
    events, expected = [], {}
    for n, history in enumerate(histories):
        payment_id = uuid.UUID(int=n + 1)
        insert_payment(admin, payment_id, NewPayment("shop-1", 1000 + n, "USD", "tok_visa"))
        expected[payment_id] = history[-1]
        events += [Event(f"evt_{n}_{i}", str(payment_id), status) for i, status in enumerate(history)]
    deliveries = [e for i, e in enumerate(events) for _ in range(copies[i % len(copies)])]
    random.Random(seed).shuffle(deliveries)  # noqa: S311 -- repeatable order

    outcomes = deliver(pool[:WORKERS], deliveries)

    rows = admin.execute("SELECT id, status FROM payments").fetchall()
    assert dict(rows) == expected
    # Each event id handled once; every other delivery was a duplicate.
    assert outcomes[Outcome.DUPLICATE] == len(deliveries) - len(events)
    assert outcomes[Outcome.APPLIED] + outcomes[Outcome.STALE] == len(events)
    assert outcomes[Outcome.REFUSED] == 0
    recorded = admin.execute("SELECT count(*) FROM processor_events").fetchone()
    assert recorded == (len(events),)
    # The ledger holds one charge per success and one refund per refund, no more.
    kinds = Counter(admin.execute("SELECT kind FROM journal_entries").fetchall())
    assert kinds[("charge",)] == sum(h[0] == "succeeded" for h in histories)
    assert kinds[("refund",)] == sum(h[-1] == "refunded" for h in histories)
    assert audit(admin)["sum per currency"] in ({}, {"USD": 0})


def test_an_illegal_event_is_refused_recorded_and_changes_nothing(db: psycopg.Connection) -> None:
    payment_id = uuid.uuid4()
    insert_payment(db, payment_id, NewPayment("shop-1", 500, "USD", "tok_visa"))
    assert handle_event(db, Event("e1", str(payment_id), "succeeded")) is Outcome.APPLIED
    assert handle_event(db, Event("e2", str(payment_id), "failed")) is Outcome.REFUSED
    assert handle_event(db, Event("e2", str(payment_id), "failed")) is Outcome.DUPLICATE
    row = db.execute("SELECT status FROM payments WHERE id = %s", (payment_id,)).fetchone()
    assert row == ("succeeded",)
    outcomes = db.execute("SELECT event_id, outcome FROM processor_events ORDER BY event_id").fetchall()
    assert outcomes == [("e1", "applied"), ("e2", "refused")]


def test_an_event_for_an_unknown_payment_is_not_recorded(db: psycopg.Connection) -> None:
    with pytest.raises(LookupError):
        handle_event(db, Event("e1", str(uuid.uuid4()), "succeeded"))
    assert db.execute("SELECT count(*) FROM processor_events").fetchone() == (0,)


NOW = 1_800_000_000  # a Unix time for the signature tests


def test_signed_events_parse_and_tampered_ones_do_not() -> None:
    event = Event("evt_1", str(uuid.UUID(int=1)), "refunded")
    body = event_body(event)
    assert parse_signed(SECRET, body, sign(SECRET, body, NOW), now=NOW) == event
    good = sign(SECRET, body, NOW)
    for signature in (
        None,
        "",
        "sha256=" + good.partition("v1=")[2],  # the old scheme: no timestamp
        sign(b"other", body, NOW),
        sign(SECRET, body + b" ", NOW),
        good.replace(f"t={NOW}", f"t={NOW + 1}"),  # the MAC covers the timestamp
        f"t={NOW}",
        "t=-5,v1=00",
    ):
        with pytest.raises(BadSignatureError):
            parse_signed(SECRET, body, signature, now=NOW)


@pytest.mark.parametrize("age", [TOLERANCE_SECONDS + 1, -TOLERANCE_SECONDS - 1])
def test_a_replayed_or_future_signature_is_refused(age: int) -> None:
    body = event_body(Event("evt_1", str(uuid.UUID(int=1)), "refunded"))
    header = sign(SECRET, body, NOW - age)  # a captured request, sent again later
    with pytest.raises(BadSignatureError, match="tolerance"):
        parse_signed(SECRET, body, header, now=NOW)
    inside = sign(SECRET, body, NOW - TOLERANCE_SECONDS)
    assert parse_signed(SECRET, body, inside, now=NOW).id == "evt_1"


def test_a_non_ascii_signature_is_a_bad_signature_not_a_crash() -> None:
    body = event_body(Event("evt_1", str(uuid.UUID(int=1)), "refunded"))
    header = sign(SECRET, body, NOW)[:-1] + "\u00e9"  # byte 0xE9 as latin-1
    with pytest.raises(BadSignatureError):
        parse_signed(SECRET, body, header, now=NOW)


def test_an_oversized_body_is_refused_before_the_signature_is_computed() -> None:
    body = b" " * (MAX_BODY_BYTES + 1)
    with pytest.raises(ValueError, match="at most"):
        parse_signed(SECRET, body, sign(SECRET, body, NOW), now=NOW)


@pytest.mark.parametrize(
    "body",
    [
        b"[]",
        b'{"id": "e", "reference": "r"}',
        b'{"id": "e", "reference": "00000000-0000-0000-0000-000000000001", "status": "captured"}',
        b'{"id": "e", "reference": "not-a-uuid", "status": "failed"}',
        b'{"id": "", "reference": "00000000-0000-0000-0000-000000000001", "status": "failed"}',
    ],
)
def test_malformed_events_are_value_errors(body: bytes) -> None:
    with pytest.raises(ValueError):
        parse_signed(SECRET, body, sign(SECRET, body, NOW), now=NOW)
