"""Fixtures for the observability tests: a fresh queue on the real RabbitMQ, span capture."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pika
import pytest
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from examples.data.queues.broker import connect
from examples.observability.job_queue import temporary_queue
from examples.observability.json_logging import json_logs_to


@pytest.fixture
def amqp(amqp_url: str) -> Iterator[pika.BlockingConnection]:
    with connect(amqp_url) as connection:
        yield connection


@pytest.fixture
def worker_amqp(amqp_url: str) -> Iterator[pika.BlockingConnection]:
    with connect(amqp_url) as connection:
        yield connection


@pytest.fixture
def queue(amqp: pika.BlockingConnection) -> Iterator[str]:
    with temporary_queue(amqp, "test.obs") as name:
        yield name


@pytest.fixture
def exporter() -> InMemorySpanExporter:
    return InMemorySpanExporter()


@pytest.fixture
def log_stream() -> Iterator[io.StringIO]:
    stream = io.StringIO()
    with json_logs_to(stream):
        yield stream
