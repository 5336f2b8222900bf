"""Fixtures for the queue tests: a fresh topology on the real RabbitMQ per test."""

from __future__ import annotations

from collections.abc import Iterator

import pika
import pytest
from pika.adapters.blocking_connection import BlockingChannel

from examples.data.queues.broker import Topology, connect, temporary_topology


@pytest.fixture
def amqp(amqp_url: str) -> Iterator[pika.BlockingConnection]:
    with connect(amqp_url) as connection:
        yield connection


@pytest.fixture
def topology(amqp: pika.BlockingConnection) -> Iterator[Topology]:
    with temporary_topology(amqp, "test.queues", delays_ms=(10, 20)) as declared:
        yield declared


@pytest.fixture
def channel(amqp: pika.BlockingConnection) -> BlockingChannel:
    channel = amqp.channel()
    channel.confirm_delivery()
    return channel
