"""A durable job queue with a random name, deleted on exit, so runs never collide."""

# requires-server: rabbitmq

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager

import pika

from examples.data.queues.broker import connect


@contextmanager
def temporary_queue(connection: pika.BlockingConnection, prefix: str) -> Iterator[str]:
    """Declare `<prefix>.<random>.jobs`; delete it afterwards, even after an error."""
    name = f"{prefix}.{secrets.token_hex(4)}.jobs"
    connection.channel().queue_declare(name, durable=True)
    try:
        yield name
    finally:
        if connection.is_open:
            connection.channel().queue_delete(name)
        else:  # an error closed it: clean up on a fresh connection
            with connect() as fresh:
                fresh.channel().queue_delete(name)
