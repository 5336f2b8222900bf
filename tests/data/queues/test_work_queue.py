from __future__ import annotations

import threading
from collections import Counter

import pika
import pytest
from pika import BasicProperties
from pika.adapters.blocking_connection import BlockingChannel
from pika.exceptions import AMQPConnectionError, UnroutableError

from examples.data.queues.broker import Topology, connect, ready_count
from examples.data.queues.prefetch_demo import held_by
from examples.data.queues.work_queue import (
    attempt_of,
    drain,
    handle,
    on_worker_thread,
    publish,
)


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


@pytest.mark.parametrize("headers", [{"failed-attempts": -1}, {"failed-attempts": "two"}, {"failed-attempts": True}])
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


def test_unroutable_publish_raises_only_in_confirm_mode(amqp: pika.BlockingConnection, topology: Topology) -> None:
    """`mandatory=True` is an error you see only with confirms: without them the return is dropped."""
    missing = f"{topology.work}.typo"
    plain = amqp.channel()
    publish(plain, missing, "m-1", b"{}")  # returns normally: the message is gone
    plain.close()
    confirmed = amqp.channel()
    confirmed.confirm_delivery()
    with pytest.raises(UnroutableError):
        publish(confirmed, missing, "m-1", b"{}")


def test_moved_copy_keeps_the_originals_properties_but_not_its_expiration(
    channel: BlockingChannel, topology: Topology
) -> None:
    channel.basic_publish(
        exchange="",
        routing_key=topology.work,
        body=b"bad",
        properties=BasicProperties(
            message_id="poison",
            correlation_id="req-42",
            type="credit",
            app_id="billing",
            timestamp=1_700_000_000,
            expiration="600000",  # would expire the copy in the dead-letter queue
            headers={"tenant": "t-1"},
            delivery_mode=2,
        ),
        mandatory=True,
    )
    drain(channel, topology, always_fails)
    _method, properties, _body = channel.basic_get(topology.dead, auto_ack=True)
    kept = (properties.correlation_id, properties.type, properties.app_id, properties.timestamp)
    assert kept == ("req-42", "credit", "billing", 1_700_000_000)
    assert properties.headers["tenant"] == "t-1"
    assert properties.headers["failed-attempts"] == 3
    assert properties.expiration is None


def test_unreadable_attempt_count_is_dead_lettered_without_running_the_handler(
    channel: BlockingChannel, topology: Topology
) -> None:
    calls: list[str] = []
    channel.basic_publish(
        exchange="",
        routing_key=topology.work,
        body=b"{}",
        properties=BasicProperties(message_id="odd", headers={"failed-attempts": "two"}, delivery_mode=2),
        mandatory=True,
    )
    publish(channel, topology.work, "next", b"{}")
    outcomes = drain(channel, topology, lambda message_id, _b: calls.append(message_id))
    # The worker survives the bad header and goes on to the next message.
    assert [str(o) for o in outcomes] == ["odd attempt 0: dead-lettered", "next attempt 1: acked"]
    assert calls == ["next"]
    _method, properties, _body = channel.basic_get(topology.dead, auto_ack=True)
    assert (properties.message_id, properties.headers["failed-attempts"]) == ("odd", "two")
    assert ready_count(channel, topology.work) == 0


def test_drain_stops_its_subscription_when_handling_fails(
    amqp: pika.BlockingConnection, channel: BlockingChannel, topology: Topology
) -> None:
    channel.queue_delete(topology.retries[0])  # the first retry now has nowhere to go
    publish(channel, topology.work, "m-1", b"{}")
    with pytest.raises(UnroutableError):
        drain(channel, topology, always_fails)
    assert channel.consumer_tags == []
    # The delivery was never acked: closing the channel puts it back.
    channel.close()
    assert ready_count(amqp.channel(), topology.work) == 1


@pytest.fixture
def short_heartbeat(amqp_url: str) -> pika.BlockingConnection:
    """A connection with a 1 s heartbeat timeout, so a blocked thread is noticed quickly."""
    parameters = pika.URLParameters(amqp_url)
    parameters.heartbeat = 1
    with pika.BlockingConnection(parameters) as connection:
        yield connection


def slow_job(_message_id: str, _body: bytes) -> None:
    threading.Event().wait(6)  # blocks this thread, as real work does


def test_a_handler_that_blocks_past_the_heartbeats_loses_the_connection(
    short_heartbeat: pika.BlockingConnection, topology: Topology
) -> None:
    """Backs the page: with BlockingConnection the limit is the heartbeat, not consumer_timeout."""
    channel = short_heartbeat.channel()
    channel.confirm_delivery()
    publish(channel, topology.work, "long", b"{}")
    with pytest.raises(AMQPConnectionError):
        drain(channel, topology, slow_job)
    with connect() as check:  # the broker took the message back: redelivery, not loss
        assert ready_count(check.channel(), topology.work) == 1


def test_on_worker_thread_keeps_the_connection_through_a_long_job(
    short_heartbeat: pika.BlockingConnection, topology: Topology
) -> None:
    channel = short_heartbeat.channel()
    channel.confirm_delivery()
    publish(channel, topology.work, "long", b"{}")
    outcomes = drain(channel, topology, on_worker_thread(short_heartbeat, slow_job))
    assert [str(o) for o in outcomes] == ["long attempt 1: acked"]
    assert short_heartbeat.is_open
    assert ready_count(channel, topology.work) == 0


def test_on_worker_thread_raises_the_handlers_error_on_the_calling_thread(
    amqp: pika.BlockingConnection, channel: BlockingChannel, topology: Topology
) -> None:
    publish(channel, topology.work, "m-1", b"{}")
    outcomes = drain(channel, topology, on_worker_thread(amqp, always_fails), limit=1)
    assert [str(o) for o in outcomes] == ["m-1 attempt 1: retry"]


def test_prefetch_is_per_consumer_unless_global(
    amqp: pika.BlockingConnection, channel: BlockingChannel, topology: Topology
) -> None:
    """RabbitMQ reads basic.qos(global=False) as a limit per consumer, global=True as one per channel."""
    for n in range(6):
        publish(channel, topology.work, f"job-{n}", b"{}")

    def held_by_two_consumers(global_qos: bool) -> int:
        worker = amqp.channel()
        worker.basic_qos(prefetch_count=1, global_qos=global_qos)
        held: list[int] = []
        for _ in range(2):
            worker.basic_consume(topology.work, lambda ch, m, _p, _b: held.append(m.delivery_tag))
        amqp.process_data_events(time_limit=0.5)
        worker.close()  # requeues what it held
        return len(held)

    assert held_by_two_consumers(global_qos=False) == 2  # one each
    assert held_by_two_consumers(global_qos=True) == 1  # one for the channel
