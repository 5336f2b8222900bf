"""The errors a caller of the notification service can get, one class per cause.

Each error names the request field at fault (`field`), so the HTTP layer can
point at it without parsing messages. The KeyError subclasses override
__str__: a plain KeyError prints the repr of its argument, quotes and all.
"""

from __future__ import annotations

from collections.abc import Iterable


# --8<-- [start:errors]
class NotificationError(Exception):
    """Base class: every refusal the service makes on purpose."""

    field = ""  # the SendRequest attribute at fault, if any

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else type(self).__name__


class InvalidFieldError(NotificationError, ValueError):
    """A request field that is blank or of the wrong kind."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class UnknownTemplateError(NotificationError, KeyError):
    """No template is registered under this name."""

    field = "template"

    def __init__(self, name: str) -> None:
        super().__init__(f"there is no template named {name!r}")


class UnknownUserError(NotificationError, KeyError):
    """The user directory has no user with this id."""

    field = "user_id"

    def __init__(self, user_id: str) -> None:
        super().__init__(f"there is no user with id {user_id!r}")


class MissingVariableError(NotificationError, ValueError):
    """The template uses variables the request did not supply."""

    field = "variables"

    def __init__(self, template: str, missing: Iterable[str]) -> None:
        self.missing = sorted(missing)
        names = ", ".join(self.missing)
        super().__init__(f"template {template!r} needs variables: {names}")


class InvalidVariableError(NotificationError, ValueError):
    """A variable value that cannot be used where the template puts it."""

    field = "variables"


class InvalidChannelError(NotificationError, ValueError):
    """A channel name that is not email, sms, push or in_app, or a bad list."""

    field = "channels"


class MissingAddressError(NotificationError, ValueError):
    """The user has no address (email, phone, device) for a requested channel."""

    field = "channels"


class IdempotencyConflictError(NotificationError):
    """The idempotency key was already used for a different request. The
    message does not say which notification holds the key: with keys shared
    by every caller, that notification may be somebody else's."""

    field = "idempotency_key"


class NotificationNotFoundError(NotificationError, KeyError):
    """No notification has this id."""

    def __init__(self, notification_id: str) -> None:
        super().__init__(f"there is no notification with id {notification_id!r}")


# --8<-- [end:errors]
