from __future__ import annotations

import json
from pathlib import Path

import pytest
from pika.adapters.blocking_connection import BlockingChannel

from examples.data.queues.broker import Topology
from examples.data.queues.idempotent import Ledger
from examples.data.queues.work_queue import publish


def credit(account: str, cents: int) -> bytes:
    return json.dumps({"account": account, "cents": cents}).encode()


def test_duplicate_message_changes_nothing() -> None:
    with Ledger() as ledger:
        assert ledger.apply("m-1", credit("a", 300)) is True
        assert ledger.apply("m-1", credit("a", 300)) is False
        assert ledger.balance("a") == 300


def test_distinct_messages_accumulate() -> None:
    with Ledger() as ledger:
        ledger.apply("m-1", credit("a", 300))
        ledger.apply("m-2", credit("a", 200))
        ledger.apply("m-3", credit("b", 1))
        assert (ledger.balance("a"), ledger.balance("b"), ledger.balance("c")) == (500, 1, 0)


@pytest.mark.parametrize(
    ("message_id", "body", "error"),
    [
        ("", credit("a", 1), ValueError),
        ("m-1", credit("a", 0), ValueError),
        ("m-1", b'{"account": 5, "cents": 10}', ValueError),
        ("m-1", b'{"account": "a", "cents": "10"}', ValueError),
        ("m-1", b'{"account": "a"}', ValueError),
        ("m-1", b'{"account": "", "cents": 10}', ValueError),
        ("m-1", b'{"account": "a", "cents": true}', ValueError),
        ("m-1", b'{"account": "a", "cents": 10.0}', ValueError),
        ("m-1", b'{"account": "a", "cents": 9223372036854775808}', ValueError),
        ("m-1", b'["a", 10]', ValueError),
        ("m-1", b"10", ValueError),
        ("m-1", b"not json", json.JSONDecodeError),
    ],
)
def test_bad_messages_are_rejected_and_not_recorded(message_id: str, body: bytes, error: type) -> None:
    with Ledger() as ledger:
        with pytest.raises(error):
            ledger.apply(message_id, body)
        # The id was not burned: a corrected message with the same id still applies.
        assert ledger.apply("m-1", credit("a", 10)) is True


def test_processed_ids_survive_a_restart(tmp_path: Path) -> None:
    path = str(tmp_path / "ledger.db")
    with Ledger(path) as ledger:
        ledger.apply("m-1", credit("a", 300))
    with Ledger(path) as restarted:
        assert restarted.apply("m-1", credit("a", 300)) is False
        assert restarted.balance("a") == 300


def test_redelivered_duplicate_from_rabbitmq_is_absorbed(channel: BlockingChannel, topology: Topology) -> None:
    publish(channel, topology.work, "credit-1", credit("a", 500))
    publish(channel, topology.work, "credit-1", credit("a", 500))  # a producer retry
    results = []
    crashed = False
    with Ledger() as ledger:
        while True:
            method, properties, body = channel.basic_get(topology.work)
            if method is None:
                break
            results.append(ledger.apply(properties.message_id, body))
            if not crashed:  # the first delivery loses its ack once
                crashed = True
                channel.basic_nack(method.delivery_tag, requeue=True)
            else:
                channel.basic_ack(method.delivery_tag)
        assert ledger.balance("a") == 500
    assert results == [True, False, False]  # three deliveries, one effect
