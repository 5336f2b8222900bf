from __future__ import annotations

import secrets

import pika
import pytest
from pika import BasicProperties
from pika.exceptions import ChannelClosedByBroker

from examples.data.queues.broker import Topology, ready_count, temporary_topology
from examples.data.queues.work_queue import publish


def test_named_topologies_are_unique_and_sized_by_delays() -> None:
    first, second = Topology.named("t", (5, 10, 20)), Topology.named("t", (5, 10, 20))
    assert first.work != second.work
    assert len(first.retries) == 3
    assert first.max_attempts == 4


@pytest.mark.parametrize("delays", [(), (10, 0), (-5,)])
def test_named_rejects_missing_or_non_positive_delays(delays: tuple[int, ...]) -> None:
    with pytest.raises(ValueError, match="retry delay"):
        Topology.named("t", delays)


def test_queues_are_durable_and_deleted_on_exit(amqp: pika.BlockingConnection) -> None:
    with temporary_topology(amqp, "test.broker") as topology:
        channel = amqp.channel()
        # Re-declaring with durable=True succeeds only if the queue is durable.
        channel.queue_declare(topology.work, durable=True, passive=False)
        assert ready_count(channel, topology.dead) == 0
    with pytest.raises(ChannelClosedByBroker) as closed:
        amqp.channel().queue_declare(topology.work, passive=True)
    assert closed.value.reply_code == 404


def test_queues_are_deleted_even_when_the_body_fails(amqp: pika.BlockingConnection) -> None:
    with pytest.raises(RuntimeError), temporary_topology(amqp, "test.broker") as topology:
        raise RuntimeError("boom")
    for queue in (topology.work, topology.dead, *topology.retries):
        with pytest.raises(ChannelClosedByBroker):
            amqp.channel().queue_declare(queue, passive=True)


@pytest.fixture
def scratch_queues(amqp: pika.BlockingConnection):
    """Names for queues a test declares itself; all deleted afterwards."""
    names: list[str] = []

    def name(suffix: str) -> str:
        names.append(f"test.broker.{secrets.token_hex(4)}.{suffix}")
        return names[-1]

    yield name
    cleanup = amqp.channel()
    for queue in names:
        cleanup.queue_delete(queue)


def test_per_message_ttl_expires_only_at_the_head(amqp: pika.BlockingConnection, scratch_queues) -> None:
    """Backs the warning: a short TTL behind a long one waits for the long one."""
    channel = amqp.channel()
    channel.confirm_delivery()
    retry, work = scratch_queues("retry"), scratch_queues("work")
    channel.queue_declare(work, durable=True)
    channel.queue_declare(
        retry, durable=True, arguments={"x-dead-letter-exchange": "", "x-dead-letter-routing-key": work}
    )
    for message_id, ttl_ms in (("slow", "3000"), ("fast", "50")):
        channel.basic_publish(
            exchange="",
            routing_key=retry,
            body=b"{}",
            properties=BasicProperties(message_id=message_id, expiration=ttl_ms, delivery_mode=2),
            mandatory=True,
        )
    amqp.sleep(1.0)  # 20 times the short TTL
    assert (ready_count(channel, retry), ready_count(channel, work)) == (2, 0)


def test_quorum_queue_delivery_limit_dead_letters_the_message(amqp: pika.BlockingConnection, scratch_queues) -> None:
    """Backs "In production": on the broker here (3.10) the limit exists only if you set it."""
    channel = amqp.channel()
    channel.confirm_delivery()
    dead, limited, unlimited = scratch_queues("dead"), scratch_queues("limited"), scratch_queues("unlimited")
    channel.queue_declare(dead, durable=True)
    channel.queue_declare(
        limited,
        durable=True,
        arguments={
            "x-queue-type": "quorum",
            "x-delivery-limit": 2,
            "x-dead-letter-exchange": "",
            "x-dead-letter-routing-key": dead,
        },
    )
    channel.queue_declare(unlimited, durable=True, arguments={"x-queue-type": "quorum"})

    def deliveries_before_it_leaves(queue: str, tries: int) -> int:
        publish(channel, queue, "poison", b"{}")
        for delivered in range(tries):
            method, _properties, _body = channel.basic_get(queue)
            if method is None:
                return delivered
            channel.basic_nack(method.delivery_tag, requeue=True)
        return tries

    assert deliveries_before_it_leaves(limited, 10) == 3  # the first plus two redeliveries
    _method, properties, _body = channel.basic_get(dead, auto_ack=True)
    assert properties.headers["x-death"][0]["reason"] == "delivery_limit"
    assert deliveries_before_it_leaves(unlimited, 25) == 25  # still there, looping
