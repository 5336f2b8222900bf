"""Per-operation cost of the notification service at two queue sizes.

Claims on docs/machine-coding/notification-service.md:
- send() is O(channels + log n): render, one dict insert, one heap push;
- status() is O(channels): dict lookups;
- run_due() is O(log n) per delivery processed: one heap pop, one heap push
  only on retry. So none of them should slow down as the queue grows 100x.
"""

from __future__ import annotations

from benchmarks.timing import per_operation, report
from examples.machine_coding.notification_service.model import SendRequest
from examples.machine_coding.notification_service.sample_data import TEMPLATES, USERS
from examples.machine_coding.notification_service.wiring import (
    NotificationSystem,
    build_system,
)

OPS = 1_000


def request(n: int) -> SendRequest:
    # Bob has no quiet hours; in-app needs no address beyond the user id.
    return SendRequest("bob", "order_shipped", ("in_app",), {"name": "Bob", "order_id": str(n)})


def filled(size: int) -> NotificationSystem:
    """A system whose queue holds `size` pending deliveries, due one second apart."""
    system = build_system(templates=TEMPLATES, users=USERS, now=0.0)
    for n in range(size):
        system.clock.set(float(n))
        system.service.send(request(n), idempotency_key=f"fill-{n}")
    return system


def sends(size: int):
    system = filled(size)

    def run() -> None:
        for n in range(OPS):
            system.service.send(request(n), idempotency_key=f"new-{n}")

    return run, OPS


def statuses(size: int):
    system = filled(size)
    ids = [f"ntf_{1 + (n * 7919) % size}" for n in range(OPS)]

    def run() -> None:
        for notification_id in ids:
            system.service.status(notification_id)

    return run, OPS


def dispatches(size: int):
    system = filled(size)
    due = min(OPS, size)  # the `due` earliest deliveries; the rest wait

    def run() -> None:
        processed = system.dispatcher.run_due(float(due - 1), limit=due)
        assert len(processed) == due

    return run, due


if __name__ == "__main__":
    report("send() into a queue of n", per_operation(sends, repeats=5))
    report("status() with n stored", per_operation(statuses, repeats=5))
    report("run_due() per delivery, queue of n", per_operation(dispatches, repeats=5))
