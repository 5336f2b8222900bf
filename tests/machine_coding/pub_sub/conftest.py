"""Shared fixtures: a broker on a fake clock and a subscriber that records."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from examples.machine_coding.clock import ManualClock
from examples.machine_coding.pub_sub.broker import Broker
from examples.machine_coding.pub_sub.messages import Delivery

ACK_DEADLINE = 10.0


@dataclass
class Recorder:
    """A handler that records deliveries and acks them if told to."""

    broker: Broker
    subscriber_id: str
    auto_ack: bool = True
    deliveries: list[Delivery] = field(default_factory=list)

    def __call__(self, delivery: Delivery) -> None:
        assert delivery.subscriber_id == self.subscriber_id
        self.deliveries.append(delivery)
        if self.auto_ack:
            self.broker.ack(self.subscriber_id, delivery.message.id)

    def ids(self) -> list[int]:
        return [d.message.id for d in self.deliveries]


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def broker(clock: ManualClock) -> Broker:
    made = Broker(clock=clock, ack_deadline=ACK_DEADLINE, max_attempts=3, max_pending=100)
    made.create_topic("orders")
    return made
