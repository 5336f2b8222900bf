from __future__ import annotations

from collections import Counter

import pika
import pytest
from pika import BasicProperties
from pika.adapters.blocking_connection import BlockingChannel

from examples.data.queues.broker import Topology, connect, ready_count
from examples.data.queues.prefetch_demo import held_by
from examples.data.queues.work_queue import attempt_of, drain, handle, publish


def test_publish_requires_a_message_id(channel: BlockingChannel, topology: Topology) -> None:
    with pytest.raises(ValueError, match="message_id"):
        publish(channel, topology.work, "", b"{}")
    assert ready_count(channel, topology.work) == 0


def test_published_messages_are_persistent(channel: BlockingChannel, topology: Topology) -> None:
    publish(channel, topology.work, "m-1", b"{}")
    method, properties, _body = channel.basic_get(topology.work, auto_ack=True)
    assert method is not None
    assert properties.delivery_mode == 2
    assert properties.message_id == "m-1"


def test_ack_removes_the_message(channel: BlockingChannel, topology: Topology) -> None:
    publish(channel, topology.work, "m-1", b"{}")
    method, _properties, _body = channel.basic_get(topology.work)
    channel.basic_ack(method.delivery_tag)
    assert channel.basic_get(topology.work) == (None, None, None)


def test_nack_with_requeue_redelivers(channel: BlockingChannel, topology: Topology) -> None:
    publish(channel, topology.work, "m-1", b"payload")
    first, _properties, _body = channel.basic_get(topology.work)
    assert first.redelivered is False
    channel.basic_nack(first.delivery_tag, requeue=True)
    again, properties, body = channel.basic_get(topology.work)
    assert again is not None and again.redelivered is True
    assert (properties.message_id, body) == ("m-1", b"payload")
    channel.basic_ack(again.delivery_tag)


def test_nack_without_requeue_drops_a_queue_without_dead_lettering(
    channel: BlockingChannel, topology: Topology
) -> None:
    publish(channel, topology.work, "m-1", b"{}")
    method, _properties, _body = channel.basic_get(topology.work)
    channel.basic_nack(method.delivery_tag, requeue=False)
    assert ready_count(channel, topology.work) == 0


def test_unacked_message_returns_when_the_consumer_disconnects(
    amqp_url: str, channel: BlockingChannel, topology: Topology
) -> None:
    publish(channel, topology.work, "m-1", b"{}")
    with connect(amqp_url) as worker:
        method, _properties, _body = worker.channel().basic_get(topology.work)
        assert method is not None
        assert ready_count(channel, topology.work) == 0  # held, not acknowledged
    assert ready_count(channel, topology.work) == 1


def test_handle_acks_on_success(channel: BlockingChannel, topology: Topology) -> None:
    publish(channel, topology.work, "ok", b"{}")
    method, properties, body = channel.basic_get(topology.work)
    outcome = handle(channel, topology, method, properties, body, lambda _id, _b: None)
    assert (outcome.attempt, outcome.action) == (1, "acked")
    assert ready_count(channel, topology.work) == 0


def always_fails(message_id: str, body: bytes) -> None:
    raise RuntimeError(message_id)


def test_poison_message_ends_in_dead_letter_queue_after_max_attempts(
    channel: BlockingChannel, topology: Topology
) -> None:
    publish(channel, topology.work, "poison", b"bad")
    outcomes = drain(channel, topology, always_fails, idle_seconds=1.0)
    assert [o.action for o in outcomes] == ["retry", "retry", "dead-lettered"]
    assert [o.attempt for o in outcomes] == [1, 2, topology.max_attempts]
    assert ready_count(channel, topology.work) == 0
    assert all(ready_count(channel, queue) == 0 for queue in topology.retries)
    method, properties, body = channel.basic_get(topology.dead, auto_ack=True)
    assert method is not None
    assert (properties.message_id, body) == ("poison", b"bad")
    assert properties.headers["failed-attempts"] == 3
    assert properties.delivery_mode == 2


def test_transient_failure_succeeds_on_retry(channel: BlockingChannel, topology: Topology) -> None:
    tries: Counter[str] = Counter()

    def fails_once(message_id: str, _body: bytes) -> None:
        tries[message_id] += 1
        if tries[message_id] == 1:
            raise TimeoutError("downstream slow")

    publish(channel, topology.work, "m-1", b"{}")
    outcomes = drain(channel, topology, fails_once, idle_seconds=1.0)
    assert [str(o) for o in outcomes] == ["m-1 attempt 1: retry", "m-1 attempt 2: acked"]
    assert ready_count(channel, topology.dead) == 0


def test_drain_stops_at_limit_and_leaves_the_rest(
    amqp: pika.BlockingConnection, channel: BlockingChannel, topology: Topology
) -> None:
    for n in range(3):
        publish(channel, topology.work, f"m-{n}", b"{}")
    outcomes = drain(channel, topology, lambda _id, _b: None, limit=2)
    assert [o.message_id for o in outcomes] == ["m-0", "m-1"]
    channel.close()  # whatever was delivered but not acked goes back
    _method, properties, _body = amqp.channel().basic_get(topology.work, auto_ack=True)
    assert properties.message_id == "m-2"


@pytest.mark.parametrize("headers", [{"failed-attempts": -1}, {"failed-attempts": "two"}])
def test_attempt_of_rejects_bad_headers(headers: dict) -> None:
    with pytest.raises(ValueError, match="failed-attempts"):
        attempt_of(BasicProperties(headers=headers))


def test_attempt_of_counts_from_one() -> None:
    assert attempt_of(BasicProperties()) == 1
    assert attempt_of(BasicProperties(headers={"failed-attempts": 2})) == 3


@pytest.mark.parametrize("prefetch", [1, 2])
def test_prefetch_limits_unacked_deliveries_per_consumer(
    amqp_url: str, channel: BlockingChannel, topology: Topology, prefetch: int
) -> None:
    for n in range(5):
        publish(channel, topology.work, f"job-{n}", b"{}")
    with connect(amqp_url) as worker_a, connect(amqp_url) as worker_b:
        a = held_by(worker_a.channel(), topology.work, prefetch)
        b = held_by(worker_b.channel(), topology.work, prefetch)
        assert len(a) == len(b) == prefetch
        assert not set(a) & set(b)
        assert ready_count(channel, topology.work) == 5 - 2 * prefetch
