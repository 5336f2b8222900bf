from __future__ import annotations

import threading
from collections.abc import Iterator

import pika
import psycopg
import pytest
from pika.adapters.blocking_connection import BlockingChannel
from pika.exceptions import UnroutableError

from examples.data.queues import broker
from examples.data.queues.broker import Topology
from examples.data.queues.idempotent import Ledger
from examples.data.queues.outbox import (
    connect,
    place_order,
    relay_batch,
    temporary_schema,
    unsent_count,
    use_schema,
)


@pytest.fixture
def schema(postgres_dsn: str) -> Iterator[str]:
    with temporary_schema(postgres_dsn) as name:
        yield name


@pytest.fixture
def conn(postgres_dsn: str, schema: str) -> Iterator[psycopg.Connection]:
    with connect(postgres_dsn) as connection:
        use_schema(connection, schema)
        yield connection


def drain_ids(channel: BlockingChannel, queue: str) -> list[str]:
    ids = []
    while True:
        method, properties, _body = channel.basic_get(queue, auto_ack=True)
        if method is None:
            return ids
        ids.append(properties.message_id)


def count(conn: psycopg.Connection, table: str) -> int:
    query = {"orders": "SELECT count(*) FROM orders", "outbox": "SELECT count(*) FROM outbox"}[table]
    return conn.execute(query).fetchone()[0]


def test_order_and_event_are_written_together(conn: psycopg.Connection) -> None:
    place_order(conn, "o-1", "a", 100)
    assert (count(conn, "orders"), count(conn, "outbox"), unsent_count(conn)) == (1, 1, 1)


def test_rolled_back_transaction_leaves_no_outbox_row(conn: psycopg.Connection) -> None:
    with pytest.raises(RuntimeError), conn.transaction():
        place_order(conn, "o-1", "a", 100)
        raise RuntimeError("caller aborts")
    assert (count(conn, "orders"), count(conn, "outbox")) == (0, 0)


def test_failed_order_insert_writes_no_event(conn: psycopg.Connection) -> None:
    with pytest.raises(psycopg.errors.CheckViolation):
        place_order(conn, "o-1", "a", 0)
    place_order(conn, "o-2", "a", 100)
    with pytest.raises(psycopg.errors.UniqueViolation):
        place_order(conn, "o-2", "a", 100)
    assert (count(conn, "orders"), count(conn, "outbox")) == (1, 1)


def test_relay_publishes_and_marks_sent(conn: psycopg.Connection, channel: BlockingChannel, topology: Topology) -> None:
    for n in range(3):
        place_order(conn, f"o-{n}", "a", 100)
    assert relay_batch(conn, channel, topology.work, batch_size=2) == [
        "order-placed:o-0",
        "order-placed:o-1",
    ]
    assert unsent_count(conn) == 1
    assert relay_batch(conn, channel, topology.work) == ["order-placed:o-2"]
    assert relay_batch(conn, channel, topology.work) == []
    assert drain_ids(channel, topology.work) == [f"order-placed:o-{n}" for n in range(3)]


def test_relay_rejects_bad_batch_size(conn: psycopg.Connection, channel: BlockingChannel, topology: Topology) -> None:
    with pytest.raises(ValueError, match="batch_size"):
        relay_batch(conn, channel, topology.work, batch_size=0)


def test_two_relays_never_publish_the_same_row(
    postgres_dsn: str,
    amqp_url: str,
    schema: str,
    conn: psycopg.Connection,
    channel: BlockingChannel,
    topology: Topology,
) -> None:
    for n in range(6):
        place_order(conn, f"o-{n}", "a", 100)
    # Both relays hold their claims at the same time: each waits at the
    # barrier until the other has claimed too, so their transactions overlap.
    both_claimed = threading.Barrier(2, timeout=10)
    claims: dict[str, list[str]] = {}
    errors: list[BaseException] = []

    def relay(name: str) -> None:
        try:
            with connect(postgres_dsn) as own_conn, broker.connect(amqp_url) as amqp:
                use_schema(own_conn, schema)
                own_channel = amqp.channel()
                own_channel.confirm_delivery()
                claims[name] = relay_batch(
                    own_conn,
                    own_channel,
                    topology.work,
                    batch_size=3,
                    after_claim=lambda _ids: both_claimed.wait(),
                )
        except BaseException as error:  # surfaced to the test thread below
            errors.append(error)

    threads = [threading.Thread(target=relay, args=(name,)) for name in ("r1", "r2")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors
    assert len(claims["r1"]) == len(claims["r2"]) == 3
    assert not set(claims["r1"]) & set(claims["r2"])
    published = drain_ids(channel, topology.work)
    assert sorted(published) == sorted(f"order-placed:o-{n}" for n in range(6))
    assert unsent_count(conn) == 0


class Crash(Exception):
    pass


def crash(_ids: list[str]) -> None:
    raise Crash


def test_crash_between_publish_and_mark_duplicates_and_consumer_absorbs(
    conn: psycopg.Connection, channel: BlockingChannel, topology: Topology
) -> None:
    place_order(conn, "o-1", "a", 250)
    with pytest.raises(Crash):
        relay_batch(conn, channel, topology.work, after_publish=crash)
    assert unsent_count(conn) == 1  # the mark rolled back with the crash
    assert relay_batch(conn, channel, topology.work) == ["order-placed:o-1"]
    with Ledger() as ledger:
        applied = []
        while True:
            method, properties, body = channel.basic_get(topology.work, auto_ack=True)
            if method is None:
                break
            applied.append(ledger.apply(properties.message_id, body))
        assert applied == [True, False]
        assert ledger.balance("a") == 250


def test_schema_is_dropped_on_exit(postgres_dsn: str) -> None:
    with temporary_schema(postgres_dsn) as name:
        pass
    with connect(postgres_dsn) as check:
        row = check.execute(
            "SELECT count(*) FROM information_schema.schemata WHERE schema_name = %s", (name,)
        ).fetchone()
    assert row[0] == 0


def test_plain_for_update_makes_the_second_relay_wait_then_find_nothing(
    postgres_dsn: str, schema: str, conn: psycopg.Connection
) -> None:
    """Backs the page's "try it" answer: without SKIP LOCKED, relays take turns."""
    for n in range(2):
        place_order(conn, f"o-{n}", "a", 100)
    plain_claim = "SELECT message_id FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT 10 FOR UPDATE"
    second_result: list[list[str]] = []
    with connect(postgres_dsn) as first, connect(postgres_dsn) as second:
        use_schema(first, schema)
        use_schema(second, schema)
        second_pid = second.info.backend_pid
        with first.transaction():
            assert len(first.execute(plain_claim).fetchall()) == 2

            def claim_second() -> None:
                with second.transaction():
                    second_result.append([row[0] for row in second.execute(plain_claim)])

            thread = threading.Thread(target=claim_second)
            thread.start()
            # Wait (bounded) until PostgreSQL reports the second session blocked on a lock.
            for _ in range(500):
                waiting = conn.execute(
                    "SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", (second_pid,)
                ).fetchone()
                if waiting and waiting[0] == "Lock":
                    break
                threading.Event().wait(0.01)
            else:
                pytest.fail("the second claim never blocked")
            first.execute("UPDATE outbox SET sent_at = now()")
        thread.join(timeout=10)
    assert second_result == [[]]  # rechecked after the commit: nothing unsent is left


def test_a_refused_publish_leaves_the_batch_unsent(
    conn: psycopg.Connection, channel: BlockingChannel, topology: Topology
) -> None:
    """With confirms, a publish the broker cannot route raises, and the claim rolls back."""
    place_order(conn, "o-1", "a", 100)
    with pytest.raises(UnroutableError):
        relay_batch(conn, channel, f"{topology.work}.typo")
    assert unsent_count(conn) == 1


def test_without_confirms_a_dropped_publish_is_marked_sent(
    conn: psycopg.Connection, amqp: pika.BlockingConnection, topology: Topology
) -> None:
    """Why the relay needs a confirm channel: here the event is lost and nothing says so."""
    place_order(conn, "o-1", "a", 100)
    plain = amqp.channel()  # no confirm_delivery()
    assert relay_batch(conn, plain, f"{topology.work}.typo") == ["order-placed:o-1"]
    assert unsent_count(conn) == 0


def test_one_relay_publishes_in_visibility_order_not_id_or_commit_order(
    postgres_dsn: str, schema: str, conn: psycopg.Connection, channel: BlockingChannel, topology: Topology
) -> None:
    """Backs the page: ids are handed out at insert, rows become visible at commit."""
    with connect(postgres_dsn) as slow:
        use_schema(slow, schema)
        # o-late takes the lower id, then commits after o-early.
        with slow.transaction():
            place_order(slow, "o-late", "a", 100)
            place_order(conn, "o-early", "a", 100)
            assert relay_batch(conn, channel, topology.work) == ["order-placed:o-early"]
        assert relay_batch(conn, channel, topology.work) == ["order-placed:o-late"]
        # Both committed before the relay runs, the other way round: id order wins.
        with slow.transaction():
            place_order(slow, "o-first-id", "a", 100)
            place_order(conn, "o-first-commit", "a", 100)
        assert relay_batch(conn, channel, topology.work) == [
            "order-placed:o-first-id",
            "order-placed:o-first-commit",
        ]
    published = drain_ids(channel, topology.work)
    assert published == [
        "order-placed:o-early",
        "order-placed:o-late",
        "order-placed:o-first-id",
        "order-placed:o-first-commit",
    ]
    ids = dict(conn.execute("SELECT message_id, id FROM outbox").fetchall())
    assert ids["order-placed:o-late"] < ids["order-placed:o-early"]


def test_plain_for_update_at_repeatable_read_fails_instead_of_skipping(
    postgres_dsn: str, schema: str, conn: psycopg.Connection
) -> None:
    """Backs the "try it" qualifier: the recheck-and-skip happens at READ COMMITTED only."""
    place_order(conn, "o-1", "a", 100)
    plain_claim = "SELECT message_id FROM outbox WHERE sent_at IS NULL ORDER BY id FOR UPDATE"
    errors: list[BaseException] = []
    with connect(postgres_dsn) as first, connect(postgres_dsn) as second:
        use_schema(first, schema)
        use_schema(second, schema)
        second_pid = second.info.backend_pid
        with first.transaction():
            first.execute(plain_claim)

            def claim_second() -> None:
                try:
                    with second.transaction():
                        second.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                        second.execute(plain_claim).fetchall()
                except psycopg.errors.SerializationFailure as error:
                    errors.append(error)

            thread = threading.Thread(target=claim_second)
            thread.start()
            for _ in range(500):
                waiting = conn.execute(
                    "SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", (second_pid,)
                ).fetchone()
                if waiting and waiting[0] == "Lock":
                    break
                threading.Event().wait(0.01)
            else:
                pytest.fail("the second claim never blocked")
            first.execute("UPDATE outbox SET sent_at = now()")
        thread.join(timeout=10)
    assert len(errors) == 1
