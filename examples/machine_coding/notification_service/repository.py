"""Storage behind an interface: notifications, deliveries and the due queue.

The service and the dispatcher see only `Repository`. The in-memory version
below is what you write in a 45-minute round; a SQLite or PostgreSQL one
would keep the same methods, with a UNIQUE index on the idempotency key doing
what `add` does under its lock, and an index on (due_at) serving `pop_due`.
"""

from __future__ import annotations

import heapq
import itertools
import threading
from collections.abc import Sequence
from typing import Protocol

from examples.machine_coding.notification_service.errors import (
    NotificationNotFoundError,
)
from examples.machine_coding.notification_service.model import (
    Channel,
    Delivery,
    Notification,
)

DeliveryKey = tuple[str, Channel]


# --8<-- [start:protocol]
class Repository(Protocol):
    """What the service and dispatcher need from storage. Each method is atomic."""

    def add(
        self, notification: Notification, deliveries: Sequence[Delivery]
    ) -> tuple[Notification, bool]:
        """Store both, unless the idempotency key is taken: then store nothing
        and return the notification that holds it. The bool is True if stored."""
        ...

    def get(self, notification_id: str) -> Notification:
        """The notification, or NotificationNotFoundError."""
        ...

    def deliveries(self, notification_id: str) -> tuple[Delivery, ...]:
        """Its deliveries, in the order the request listed the channels."""
        ...

    def save(self, delivery: Delivery) -> None:
        """Replace a stored delivery; a non-terminal one is (re)scheduled at due_at."""
        ...

    def pop_due(self, now: float, limit: int) -> list[Delivery]:
        """Take up to `limit` deliveries due at or before `now`, earliest first.
        Each one is handed out once, until it is saved and falls due again."""
        ...

    def next_due_at(self) -> float | None:
        """When the earliest scheduled delivery falls due; None if none is."""
        ...


# --8<-- [end:protocol]


class InMemoryRepository:
    """Dicts plus a min-heap of due times, all behind one lock (thread-safe).

    The heap uses lazy deletion: rescheduling pushes a new entry and records
    its sequence number; an entry whose number is no longer the recorded one
    is stale and skipped when it reaches the top.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._notifications: dict[str, Notification] = {}
        self._by_key: dict[str, str] = {}
        self._deliveries: dict[DeliveryKey, Delivery] = {}
        self._heap: list[tuple[float, int, DeliveryKey]] = []
        self._scheduled: dict[DeliveryKey, int] = {}  # key -> live heap entry
        self._sequence = itertools.count()

    # --8<-- [start:add]
    def add(
        self, notification: Notification, deliveries: Sequence[Delivery]
    ) -> tuple[Notification, bool]:
        """Check the key and insert in one critical section: two threads with
        the same key cannot both see it free (no check-then-act race)."""
        if any(d.notification_id != notification.id for d in deliveries):
            raise ValueError("every delivery must belong to the notification")
        key = notification.idempotency_key
        with self._lock:
            if key is not None and key in self._by_key:
                return self._notifications[self._by_key[key]], False
            if notification.id in self._notifications:
                raise ValueError(f"notification id {notification.id!r} is taken")
            self._notifications[notification.id] = notification
            if key is not None:
                self._by_key[key] = notification.id
            for delivery in deliveries:
                self._store(delivery)
        return notification, True

    # --8<-- [end:add]

    def get(self, notification_id: str) -> Notification:
        """The notification, or NotificationNotFoundError."""
        with self._lock:
            notification = self._notifications.get(notification_id)
        if notification is None:
            raise NotificationNotFoundError(notification_id)
        return notification

    def deliveries(self, notification_id: str) -> tuple[Delivery, ...]:
        """Its deliveries, in the order the request listed the channels."""
        notification = self.get(notification_id)
        with self._lock:
            return tuple(
                self._deliveries[(notification_id, channel)]
                for channel in notification.request.channels
            )

    def save(self, delivery: Delivery) -> None:
        """Replace a stored delivery; a non-terminal one is (re)scheduled."""
        with self._lock:
            if delivery.key not in self._deliveries:
                raise KeyError(f"no delivery {delivery.key!r} to replace")
            self._store(delivery)

    # --8<-- [start:pop_due]
    def pop_due(self, now: float, limit: int) -> list[Delivery]:
        """Earliest first; O(log n) per delivery taken, whatever the queue size."""
        if limit < 1:
            raise ValueError("limit must be at least 1")
        taken: list[Delivery] = []
        with self._lock:
            while self._heap and len(taken) < limit and self._heap[0][0] <= now:
                _, sequence, key = heapq.heappop(self._heap)
                if self._scheduled.get(key) != sequence:
                    continue  # stale: the delivery was rescheduled or finished
                del self._scheduled[key]
                taken.append(self._deliveries[key])
        return taken

    # --8<-- [end:pop_due]

    def next_due_at(self) -> float | None:
        """When the earliest scheduled delivery falls due; None if none is."""
        with self._lock:
            while (
                self._heap and self._scheduled.get(self._heap[0][2]) != self._heap[0][1]
            ):
                heapq.heappop(self._heap)  # drop stale entries from the top
            return self._heap[0][0] if self._heap else None

    def pending(self) -> int:
        """How many deliveries are scheduled: the queue depth to alert on."""
        with self._lock:
            return len(self._scheduled)

    def _store(self, delivery: Delivery) -> None:
        # Caller holds the lock.
        self._deliveries[delivery.key] = delivery
        if delivery.status.terminal:
            self._scheduled.pop(delivery.key, None)
            return
        sequence = next(self._sequence)
        self._scheduled[delivery.key] = sequence
        heapq.heappush(self._heap, (delivery.due_at, sequence, delivery.key))
