"""Accepting notifications: validate, render, store, schedule. Never send here.

`send` does everything that can fail because of the request (unknown user or
template, missing variable, bad channel, reused key) before anything is
stored, so a refused request leaves no trace. The slow, failure-prone part,
talking to providers, is the dispatcher's job.
"""

from __future__ import annotations

import itertools
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass

from examples.machine_coding.clock import Clock
from examples.machine_coding.notification_service.errors import (
    IdempotencyConflictError,
)
from examples.machine_coding.notification_service.model import (
    Delivery,
    DeliveryStatus,
    Notification,
    SendRequest,
)
from examples.machine_coding.notification_service.preferences import (
    UserDirectory,
    hold_reason,
)
from examples.machine_coding.notification_service.repository import Repository
from examples.machine_coding.notification_service.templates import TemplateStore

# Printable ASCII without spaces, like the keys callers generate (UUIDs,
# "orders:refund:8812"); long enough for a prefix plus a UUID.
IDEMPOTENCY_KEY = re.compile(r"[!-~]{1,255}")


class SequentialIds:
    """ntf_1, ntf_2, ... Thread-safe. Readable in demos only. Production uses
    random ids (UUIDs): one caller cannot guess another's notification, and
    after a restart the provider keys derived from ids ("ntf_1:sms") are not
    reused, which a provider would drop as repeats."""

    def __init__(self, prefix: str = "ntf_") -> None:
        self._prefix = prefix
        self._counter = itertools.count(1)
        self._lock = threading.Lock()

    def __call__(self) -> str:
        with self._lock:
            return f"{self._prefix}{next(self._counter)}"


@dataclass(frozen=True)
class Accepted:
    """The result of send: the notification, and False if it already existed."""

    notification: Notification
    created: bool


@dataclass(frozen=True)
class NotificationStatus:
    """A notification and where each of its deliveries stands."""

    notification: Notification
    deliveries: tuple[Delivery, ...]


class NotificationService:
    """The send and status API. Thread-safe: its only state of its own is the
    locked id counter, and the repository's `add` makes the idempotency
    check atomic."""

    def __init__(
        self,
        *,
        templates: TemplateStore,
        users: UserDirectory,
        repository: Repository,
        clock: Clock,  # UTC epoch seconds: quiet hours need calendar time
        new_id: Callable[[], str] | None = None,
    ) -> None:
        self._templates = templates
        self._users = users
        self._repository = repository
        self._clock = clock
        self._new_id = new_id or SequentialIds()

    # --8<-- [start:send]
    def send(
        self, request: SendRequest, idempotency_key: str | None = None
    ) -> Accepted:
        """Accept a notification for delivery and return at once.

        Same key and same request: the original notification, nothing new is
        sent. Same key, different request: IdempotencyConflictError.
        """
        if idempotency_key is not None and not IDEMPOTENCY_KEY.fullmatch(
            idempotency_key
        ):
            raise ValueError(
                "idempotency key must be 1-255 printable ASCII characters, no spaces"
            )
        template = self._templates.get(request.template)
        user = self._users.get(request.user_id)
        # Render and resolve addresses now: a missing variable is the caller's
        # bug and deserves a 4xx, not a dead letter an hour later.
        messages = {
            ch: template.render(ch, request.variables) for ch in request.channels
        }
        addresses = {ch: user.address(ch) for ch in request.channels}
        now = self._clock()
        notification = Notification(
            id=self._new_id(),
            request=request,
            category=template.category,
            urgent=template.urgent,
            messages=messages,
            created_at=now,
            idempotency_key=idempotency_key,
        )
        deliveries = []
        for channel in request.channels:
            held = hold_reason(user, channel, template.category, template.urgent, now)
            status, due = held or (DeliveryStatus.QUEUED, now)
            deliveries.append(
                Delivery(notification.id, channel, addresses[channel], status, due)
            )
        stored, created = self._repository.add(notification, deliveries)
        if not created and stored.request.fingerprint() != request.fingerprint():
            raise IdempotencyConflictError(
                f"idempotency key {idempotency_key!r} was already used for a "
                "different request"
            )
        return Accepted(stored, created)

    # --8<-- [end:send]

    def status(self, notification_id: str) -> NotificationStatus:
        """The notification and its deliveries; NotificationNotFoundError if unknown."""
        notification = self._repository.get(notification_id)
        return NotificationStatus(
            notification, self._repository.deliveries(notification_id)
        )
