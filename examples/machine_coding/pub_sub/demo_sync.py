"""Drive the synchronous broker by hand: fan-out, ordering, redelivery, dead letters.

The clock is fake and delivery happens only inside dispatch(), so every run
prints the same thing.
"""

from __future__ import annotations

from examples.machine_coding.clock import ManualClock
from examples.machine_coding.pub_sub.broker import Broker
from examples.machine_coding.pub_sub.messages import Delivery

# --8<-- [start:setup]
clock = ManualClock()
broker = Broker(clock=clock, ack_deadline=10.0, max_attempts=3, max_pending=100)
broker.create_topic("orders")
seen: list[str] = []


def record(delivery: Delivery) -> None:
    message = delivery.message
    seen.append(
        f"{delivery.subscriber_id} got #{message.id} {message.payload} (attempt {delivery.attempt})"
    )


def billing(delivery: Delivery) -> None:
    """A healthy consumer: process, then ack."""
    record(delivery)
    broker.ack("billing", delivery.message.id)


def shipping(delivery: Delivery) -> None:
    """A consumer that acks only when the demo says so, like a slow one."""
    record(delivery)


broker.subscribe("orders", "billing", billing)
broker.subscribe("orders", "shipping", shipping)


def run_round() -> str:
    """One dispatch() and what it delivered."""
    seen.clear()
    broker.dispatch()
    return "\n".join(seen) or "(nothing delivered)"


# --8<-- [end:setup]

# --8<-- [start:order]
broker.publish("orders", "order-1")
broker.publish("orders", "order-2")
print(run_round())
"""
billing got #1 order-1 (attempt 1)
shipping got #1 order-1 (attempt 1)
"""
print(run_round())  # shipping has #1 in flight, so #2 waits for it
#> billing got #2 order-2 (attempt 1)
print("shipping backlog:", broker.backlog("orders", "shipping"))
#> shipping backlog: 2
# --8<-- [end:order]

# --8<-- [start:redeliver]
clock.advance(10.0)  # the ack deadline for #1 passes
print(run_round())
#> shipping got #1 order-1 (attempt 2)
broker.ack("shipping", 1)
print(run_round())
#> shipping got #2 order-2 (attempt 1)
broker.ack("shipping", 2)
# --8<-- [end:redeliver]

# --8<-- [start:dead_letter]
broker.publish("orders", "order-3")  # shipping never acks this one
rounds = []
for _ in range(4):
    rounds.append(run_round())
    clock.advance(10.0)
print("\n".join(rounds))
"""
billing got #3 order-3 (attempt 1)
shipping got #3 order-3 (attempt 1)
shipping got #3 order-3 (attempt 2)
shipping got #3 order-3 (attempt 3)
(nothing delivered)
"""
for dead in broker.dead_letters():
    print(dead.subscriber_id, dead.message.id, dead.reason.value, dead.attempts)
    #> shipping 3 max_attempts 3
# --8<-- [end:dead_letter]
