from __future__ import annotations

import pika
import pytest
from pika.exceptions import ChannelClosedByBroker

from examples.data.queues.broker import Topology, ready_count, temporary_topology


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
