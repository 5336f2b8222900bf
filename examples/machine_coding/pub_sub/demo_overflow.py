"""A subscriber that stops consuming fills its own queue, and only its own.

The bounded queue holds two waiting messages. With DROP_OLDEST the stalled
subscriber loses its oldest waiting messages to the dead-letter list, while
the healthy subscriber receives everything and the publisher never blocks.
"""

from __future__ import annotations

from examples.machine_coding.clock import ManualClock
from examples.machine_coding.pub_sub.broker import Broker
from examples.machine_coding.pub_sub.messages import Delivery, OverflowPolicy

# --8<-- [start:demo]
clock = ManualClock()
broker = Broker(clock=clock, max_pending=2, overflow=OverflowPolicy.DROP_OLDEST)
broker.create_topic("prices")
fast: list[int] = []
stalled: list[int] = []


def fast_handler(delivery: Delivery) -> None:
    fast.append(delivery.message.id)
    broker.ack("fast", delivery.message.id)


def stalled_handler(delivery: Delivery) -> None:
    stalled.append(delivery.message.id)  # never acks: the consumer is stuck


broker.subscribe("prices", "fast", fast_handler)
broker.subscribe("prices", "stalled", stalled_handler)
for price in range(6):
    broker.publish("prices", f"tick {price}")
    broker.dispatch()
print("fast got:", fast)
#> fast got: [1, 2, 3, 4, 5, 6]
print("stalled got:", stalled, "backlog:", broker.backlog("prices", "stalled"))
#> stalled got: [1] backlog: 3
print("dropped for stalled:", [dead.message.id for dead in broker.dead_letters()])
#> dropped for stalled: [2, 3, 4]
# --8<-- [end:demo]
