"""The idempotent-consumer pattern: at-least-once delivery, exactly-once effect."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

from examples.machine_coding.pub_sub.messages import Message


# --8<-- [start:idempotent]
class IdempotentConsumer:
    """Run `effect` at most once per message id, however often the id arrives.

    The id check, the effect and the record of the id happen under one lock,
    so two concurrent redeliveries cannot both apply. In a service, put the
    effect and the processed-id row in one database transaction instead: if
    they can be separated by a crash, a duplicate slips through.

    Memory is bounded: only the newest `remember` ids are kept. A duplicate
    older than that window would be applied again, so size the window to
    cover max_attempts x ack_deadline of traffic.
    """

    def __init__(
        self, effect: Callable[[Message], None], *, remember: int = 100_000
    ) -> None:
        if type(remember) is not int or remember < 1:
            raise ValueError(f"remember must be an int >= 1, got {remember!r}")
        self._effect = effect
        self._remember = remember
        self._seen: OrderedDict[int, None] = OrderedDict()
        self._lock = threading.Lock()

    def handle(self, message: Message) -> bool:
        """Apply the effect; return False if this id was already applied."""
        with self._lock:
            if message.id in self._seen:
                return False
            self._effect(message)  # if it raises, the id is not recorded
            self._seen[message.id] = None
            if len(self._seen) > self._remember:
                self._seen.popitem(last=False)
            return True


# --8<-- [end:idempotent]
