"""Per-operation cost of the synchronous pub/sub broker at two sizes.

Backs the complexity table on docs/machine-coding/pub-sub.md:
- publish is O(1) per subscriber copy, whatever the backlog;
- delivering (dispatch + handler + ack) is O(1) per message, whatever the backlog;
- ack is O(1) whatever the number of messages in flight;
- one dispatch() round scans every subscription, so it is O(subscriptions)
  even when they are idle (the ratio near 100 is the point).

Two baselines use no broker code at all. A bare dict.pop and a bare loop of
method calls show how much an O(1) and an O(n) operation grow on this machine
between the two sizes (cache misses on bigger data), so the broker's rows can
be read against them rather than against an ideal 1 and 100.
"""

from __future__ import annotations

from benchmarks.timing import per_operation, quick_mode, report
from examples.machine_coding.clock import ManualClock
from examples.machine_coding.pub_sub.broker import Broker
from examples.machine_coding.pub_sub.messages import Delivery

BATCH = 1_000


def new_broker(max_pending: int) -> Broker:
    broker = Broker(clock=ManualClock(), max_pending=max_pending)
    broker.create_topic("t")
    return broker


def ignore(delivery: Delivery) -> None:
    return None


def publish_into_backlog(size: int):
    """One subscriber with `size` messages already waiting; publish BATCH more."""
    broker = new_broker(size + BATCH)
    broker.subscribe("t", "s", ignore)
    for _ in range(size):
        broker.publish("t", "x")

    def run() -> None:
        for _ in range(BATCH):
            broker.publish("t", "x")

    return run, BATCH


def publish_fan_out(subscribers: int):
    """Publish to `subscribers` subscribers; one operation is one subscriber copy."""
    broker = new_broker(BATCH)
    for i in range(subscribers):
        broker.subscribe("t", f"s{i}", ignore)
    messages = max(1, 10_000 // subscribers)

    def run() -> None:
        for _ in range(messages):
            broker.publish("t", "x")

    return run, messages * subscribers


def deliver_from_backlog(size: int):
    """One subscriber with `size` waiting; deliver and ack up to BATCH of them."""
    broker = new_broker(size)

    def ack_at_once(delivery: Delivery) -> None:
        broker.ack("s", delivery.message.id)

    broker.subscribe("t", "s", ack_at_once)
    for _ in range(size):
        broker.publish("t", "x")

    deliveries = min(BATCH, size)

    def run() -> None:
        for _ in range(deliveries):
            broker.dispatch()

    return run, deliveries


def ack_among_in_flight(size: int):
    """`size` subscriptions each holding one message in flight; ack them all."""
    broker = new_broker(1)
    names = [f"s{i}" for i in range(size)]
    for name in names:
        broker.subscribe("t", name, ignore)
    message_id = broker.publish("t", "x").id
    broker.dispatch()

    def run() -> None:
        for name in names:
            broker.ack(name, message_id)

    return run, size


def dispatch_over_idle(size: int):
    """`size` subscriptions with nothing to deliver; one operation is one round."""
    broker = new_broker(1)
    for i in range(size):
        broker.subscribe("t", f"s{i}", ignore)
    rounds = 10

    def run() -> None:
        for _ in range(rounds):
            broker.dispatch()

    return run, rounds


def baseline_dict_pop(size: int):
    """Pop `size` (str, int) keys from a dict of `size` entries: the ack index alone."""
    keys = [(f"s{i}", 1) for i in range(size)]
    table = dict.fromkeys(keys)

    def run() -> None:
        for key in keys:
            table.pop(key)

    return run, size


class _Idle:
    def poll(self) -> None:
        return None


def baseline_method_loop(size: int):
    """Call one no-op method on each of `size` objects, 10 times: an O(n) round."""
    objects = [_Idle() for _ in range(size)]
    rounds = 10

    def run() -> None:
        for _ in range(rounds):
            for item in objects:
                item.poll()

    return run, rounds


if __name__ == "__main__":
    fan_out_sizes = (10, 100) if quick_mode() else (10, 1_000)
    report("publish, by backlog", per_operation(publish_into_backlog))
    report("publish, per copy, by subscribers", per_operation(publish_fan_out, fan_out_sizes))
    report("deliver+ack, by backlog", per_operation(deliver_from_backlog))
    report("ack, by messages in flight", per_operation(ack_among_in_flight))
    report("dispatch, by idle subscriptions", per_operation(dispatch_over_idle))
    report("baseline: dict.pop, by size", per_operation(baseline_dict_pop))
    report("baseline: loop of calls, by size", per_operation(baseline_method_loop))
