"""The composition root: one place that builds the service with its parts.

Tests and demos call build_system with a manual clock and a seed; production
would pass real providers and a database-backed repository instead, and no
other file would change.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass

from examples.machine_coding.clock import ManualClock
from examples.machine_coding.notification_service.dispatcher import (
    DeadLetterQueue,
    Dispatcher,
)
from examples.machine_coding.notification_service.model import Channel
from examples.machine_coding.notification_service.preferences import (
    User,
    UserDirectory,
)
from examples.machine_coding.notification_service.providers import FakeProvider
from examples.machine_coding.notification_service.repository import (
    InMemoryRepository,
)
from examples.machine_coding.notification_service.service import NotificationService
from examples.machine_coding.notification_service.templates import (
    Template,
    TemplateStore,
)
from examples.role.notification_retry_schedule import POLICIES, RetryPolicy

# --8<-- [start:policies]
# SMS and email reuse the role guide's policies as they are; push and in-app
# values are illustrative choices of the same kind, not measurements.
DEFAULT_POLICIES: Mapping[Channel, RetryPolicy] = {
    Channel.SMS: POLICIES["sms_otp"],
    Channel.EMAIL: POLICIES["email_receipt"],
    Channel.PUSH: RetryPolicy(
        base_delay_s=5, max_delay_s=300, max_retries=5, deadline_s=3600
    ),
    Channel.IN_APP: RetryPolicy(
        base_delay_s=1, max_delay_s=60, max_retries=5, deadline_s=600
    ),
}
# --8<-- [end:policies]


@dataclass(frozen=True)
class NotificationSystem:
    """Everything build_system wired together, for tests and demos to poke at."""

    service: NotificationService
    dispatcher: Dispatcher
    repository: InMemoryRepository
    users: UserDirectory
    templates: TemplateStore
    providers: Mapping[Channel, FakeProvider]
    dead_letters: DeadLetterQueue
    clock: ManualClock


def build_system(
    *,
    templates: tuple[Template, ...] = (),
    users: tuple[User, ...] = (),
    policies: Mapping[Channel, RetryPolicy] = DEFAULT_POLICIES,
    now: float = 0.0,
    seed: int = 0,
) -> NotificationSystem:
    """A complete service over in-memory storage and fake providers."""
    clock = ManualClock(now)
    repository = InMemoryRepository()
    directory = UserDirectory(users)
    store = TemplateStore(templates)
    providers = {channel: FakeProvider(channel) for channel in Channel}
    dead_letters = DeadLetterQueue()
    service = NotificationService(
        templates=store, users=directory, repository=repository, clock=clock
    )
    dispatcher = Dispatcher(
        repository=repository,
        users=directory,
        providers=providers,
        policies=policies,
        dead_letters=dead_letters,
        rng=random.Random(seed),
    )
    return NotificationSystem(
        service,
        dispatcher,
        repository,
        directory,
        store,
        providers,
        dead_letters,
        clock,
    )
