"""The errors a caller of either broker can get, one class per mistake.

Each class also inherits the builtin a Python caller would expect (a missing
topic is a KeyError, a duplicate is a ValueError), so `except KeyError` works.
"""

from __future__ import annotations


# --8<-- [start:errors]
class PubSubError(Exception):
    """Base class: catch this to handle any broker error."""

    def __str__(self) -> str:
        # KeyError would wrap the message in quotes; show it as written.
        return str(self.args[0]) if self.args else ""


class UnknownTopicError(PubSubError, KeyError):
    """The topic was never created."""


class TopicExistsError(PubSubError, ValueError):
    """create_topic() was called twice with the same name."""


class AlreadySubscribedError(PubSubError, ValueError):
    """This subscriber already has a subscription on this topic."""


class NotSubscribedError(PubSubError, KeyError):
    """unsubscribe() named a subscription that does not exist."""


class UnknownDeliveryError(PubSubError, KeyError):
    """ack() or nack() named a message that is not in flight for that subscriber."""


# --8<-- [end:errors]
