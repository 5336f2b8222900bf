"""Preferences, daily caps and callbacks on PostgreSQL: a model, bad input, and races."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from examples.scratch_postgres import connect, scratch_schema
from examples.system_design.notification_system import store
from examples.system_design.notification_system.fanout import Event, FanoutJob, fan_out

NOON = datetime(2025, 6, 2, 16, 0, tzinfo=UTC)  # 12:00 in New York


@pytest.fixture
def schema(postgres_dsn: str) -> Iterator[str]:
    with scratch_schema("t_notify", postgres_dsn) as name, connect(name, postgres_dsn) as conn:
        store.create_tables(conn)
        conn.execute("INSERT INTO user_setting VALUES (1, 'America/New_York', 2)")
        conn.execute("INSERT INTO user_setting VALUES (2, 'Asia/Tokyo', 0)")
        yield name


@pytest.fixture
def conn(schema: str, postgres_dsn: str) -> Iterator[psycopg.Connection]:
    with connect(schema, postgres_dsn) as c:
        yield c


def test_the_cap_counts_per_local_day(conn: psycopg.Connection) -> None:
    assert [store.admit(conn, 1, "social", "push", NOON) for _ in range(3)] == [
        "send", "send", "capped"
    ]
    # 03:59 UTC on the 3rd is 23:59 on the 2nd in New York: the same day.
    assert store.admit(conn, 1, "social", "push", datetime(2025, 6, 3, 3, 59, tzinfo=UTC)) == "capped"
    assert store.admit(conn, 1, "social", "push", datetime(2025, 6, 3, 4, 0, tzinfo=UTC)) == "send"


def test_critical_skips_the_cap_and_opt_outs(conn: psycopg.Connection) -> None:
    store.set_preference(conn, 2, "critical", "sms", False, NOON)
    assert store.admit(conn, 2, "social", "push", NOON) == "capped"  # cap of 0
    assert store.admit(conn, 2, "critical", "sms", NOON) == "send"


def test_an_opt_out_is_idempotent_and_reversible(conn: psycopg.Connection) -> None:
    for _ in range(2):
        store.set_preference(conn, 1, "marketing", "email", False, NOON)
    assert store.admit(conn, 1, "marketing", "email", NOON) == "opted out"
    assert store.admit(conn, 1, "marketing", "push", NOON) == "send"  # per channel
    store.set_preference(conn, 1, "marketing", "email", True, NOON + timedelta(days=1))
    assert store.admit(conn, 1, "marketing", "email", NOON) == "send"
    count = conn.execute("SELECT count(*) FROM preference").fetchone()[0]
    assert count == 1


def test_an_opted_out_send_does_not_use_up_the_cap(conn: psycopg.Connection) -> None:
    store.set_preference(conn, 1, "marketing", "email", False, NOON)
    store.admit(conn, 1, "marketing", "email", NOON)
    assert conn.execute("SELECT count(*) FROM daily_count").fetchone()[0] == 0


def test_admit_refuses_bad_input(conn: psycopg.Connection) -> None:
    with pytest.raises(LookupError, match="no settings for user 9"):
        store.admit(conn, 9, "social", "push", NOON)
    with pytest.raises(ValueError, match="timezone-aware"):
        store.admit(conn, 1, "social", "push", NOON.replace(tzinfo=None))


def test_callbacks_refuse_unknown_states_and_leave_nothing(conn: psycopg.Connection) -> None:
    store.enqueue(conn, "n", 1, "email", NOON)
    for bad in ("bounced", "queued", "sending"):
        with pytest.raises(ValueError, match="unknown callback state"):
            store.record_callback(conn, "ses", "e", "n", bad, NOON)
    with pytest.raises(psycopg.errors.ForeignKeyViolation):
        store.record_callback(conn, "ses", "e", "missing", "sent", NOON)
    assert conn.execute("SELECT count(*) FROM delivery_event").fetchone()[0] == 0
    with pytest.raises(LookupError):
        store.state_of(conn, "missing")


def model(events: list[tuple[str, str]]) -> str:
    """The rule, without a database: first copy of each event id, forward only."""
    state, seen = "queued", set()
    for event_id, new in events:
        if event_id in seen:
            continue
        seen.add(event_id)
        if state != "failed" and store.RANK[new] > store.RANK[state]:
            state = new
    return state


callback_lists = st.lists(
    st.tuples(st.sampled_from(["e1", "e2", "e3", "e4", "e5"]),
              st.sampled_from(["sent", "delivered", "opened", "failed"])),
    max_size=12,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(callback_lists)
def test_callbacks_in_any_order_match_the_model(conn: psycopg.Connection, events: list) -> None:
    conn.execute("TRUNCATE delivery, delivery_event")
    store.enqueue(conn, "n", 1, "email", NOON)
    # One event id always means one state: a provider retries the same payload.
    first: dict[str, str] = {}
    events = [(e, first.setdefault(e, s)) for e, s in events]
    for event_id, state in events:
        store.record_callback(conn, "ses", event_id, "n", state, NOON)
    assert store.state_of(conn, "n") == model(events)
    stored = conn.execute("SELECT count(*) FROM delivery_event").fetchone()[0]
    assert stored == len({e for e, _ in events})


def test_concurrent_callbacks_never_move_backwards(schema: str, postgres_dsn: str) -> None:
    with connect(schema, postgres_dsn) as c:
        store.enqueue(c, "n", 1, "email", NOON)
    states = ["sent", "delivered", "opened"] * 4
    barrier = threading.Barrier(len(states))
    errors: list[BaseException] = []

    def deliver(i: int, state: str) -> None:
        try:
            with connect(schema, postgres_dsn) as c:
                barrier.wait(timeout=10)
                store.record_callback(c, "ses", f"e{i}", "n", state, NOON)
        except BaseException as error:  # reported below, not lost in the thread
            errors.append(error)

    threads = [threading.Thread(target=deliver, args=a) for a in enumerate(states)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert not errors
    with connect(schema, postgres_dsn) as c:
        assert store.state_of(c, "n") == "opened"
        applied = c.execute("SELECT count(*) FROM delivery_event WHERE applied").fetchone()[0]
    assert 1 <= applied <= 3  # each applied event moved it strictly forward


def test_concurrent_admits_never_pass_the_cap(schema: str, postgres_dsn: str) -> None:
    results: list[str] = []
    barrier = threading.Barrier(8)

    def ask() -> None:
        with connect(schema, postgres_dsn) as c:
            barrier.wait(timeout=10)
            results.append(store.admit(c, 1, "social", "push", NOON))

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(results) == ["capped"] * 6 + ["send"] * 2


# --- fan-out replays, claims before a send, settings at the edge --------------------


def jobs(n: int, event: str = "cmp-1") -> list[FanoutJob]:
    return next(fan_out(Event(event, "campaign", ("push",)), range(1, n + 1), batch_size=n))


def test_a_replayed_batch_inserts_nothing_and_enqueues_nothing(conn: psycopg.Connection) -> None:
    batch = jobs(50)
    assert store.enqueue_batch(conn, batch, NOON) == batch
    assert store.enqueue_batch(conn, batch, NOON) == []  # the replay: no error, no jobs
    overlap = batch[25:] + jobs(10, "cmp-2")
    assert store.enqueue_batch(conn, overlap, NOON) == overlap[25:]
    assert conn.execute("SELECT count(*) FROM delivery").fetchone()[0] == 60
    assert store.enqueue(conn, batch[0].notification_id, 1, "push", NOON) is False


def test_one_worker_wins_the_claim_and_an_expired_lease_can_be_retaken(
    conn: psycopg.Connection,
) -> None:
    store.enqueue(conn, "n", 1, "sms", NOON)
    lease = timedelta(seconds=30)
    assert store.claim_send(conn, "n", NOON, lease)
    assert not store.claim_send(conn, "n", NOON + timedelta(seconds=29), lease)
    # The first worker died mid-call: the retry is where a duplicate can come from.
    assert store.claim_send(conn, "n", NOON + timedelta(seconds=30), lease)
    store.finish_send(conn, "n", NOON)
    assert store.state_of(conn, "n") == "sent"
    assert not store.claim_send(conn, "n", NOON + timedelta(hours=1), lease)
    attempts = conn.execute("SELECT attempts FROM delivery").fetchone()[0]
    assert attempts == 2


def test_concurrent_claims_for_one_redelivered_id_let_exactly_one_send(
    schema: str, postgres_dsn: str
) -> None:
    with connect(schema, postgres_dsn) as c:
        store.enqueue(c, "n", 1, "sms", NOON)
    won: list[bool] = []
    barrier = threading.Barrier(8)

    def claim() -> None:
        with connect(schema, postgres_dsn) as c:
            barrier.wait(timeout=10)
            won.append(store.claim_send(c, "n", NOON, timedelta(seconds=30)))

    threads = [threading.Thread(target=claim) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(won) == [False] * 7 + [True]


@pytest.mark.parametrize("zone", ["Mars/Olympus", "EST5EDT+junk", "", "../etc/passwd"])
def test_an_unknown_time_zone_is_refused_at_the_edge(conn: psycopg.Connection, zone: str) -> None:
    with pytest.raises(ValueError, match="time zone"):
        store.save_settings(conn, 7, zone, 3)
    assert conn.execute("SELECT count(*) FROM user_setting WHERE user_id = 7").fetchone()[0] == 0


def test_settings_are_saved_and_updated(conn: psycopg.Connection) -> None:
    store.save_settings(conn, 7, "Asia/Kolkata", 3)
    store.save_settings(conn, 7, "Europe/Lisbon", 5)
    row = conn.execute("SELECT time_zone, daily_cap FROM user_setting WHERE user_id = 7").fetchone()
    assert row == ("Europe/Lisbon", 5)
    assert store.admit(conn, 7, "social", "push", NOON) == "send"
    with pytest.raises(ValueError, match="daily_cap"):
        store.save_settings(conn, 7, "Europe/Lisbon", -1)


def test_a_zone_stored_without_checks_breaks_every_admit(conn: psycopg.Connection) -> None:
    # Why the check belongs at the edge: PostgreSQL rejects the name on each send.
    conn.execute("INSERT INTO user_setting VALUES (8, 'Mars/Olympus', 3)")
    with pytest.raises(psycopg.errors.InvalidParameterValue):
        store.admit(conn, 8, "social", "push", NOON)
