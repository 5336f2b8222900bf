"""Sign-up, revision 2: the same pull request after review, as it merged.

The users table, its UNIQUE constraint and the 409-mapped EmailTakenError
come from the REST section's users store (examples/apis/rest/users_store.py),
which the first revision did not know about. The welcome email has a timeout,
and a failed send is logged and reported to the caller instead of vanishing.
"""

from __future__ import annotations

# --8<-- [start:pr]
import logging
import sqlite3
from dataclasses import dataclass

import requests

from examples.apis.rest.users_store import (
    EmailTakenError,
    User,
    UsersStore,
)

__all__ = ["EmailTakenError", "Registration", "Signup"]

log = logging.getLogger(__name__)

# Seconds to connect, and to wait for each read of the answer:
# neither one caps the whole call.
MAIL_TIMEOUT_S = (2.0, 5.0)


@dataclass(frozen=True)
class Registration:
    user: User
    welcome_sent: bool  # False: the caller schedules a resend


class Signup:
    """Create an account and send the welcome email."""

    def __init__(
        self,
        db: sqlite3.Connection,
        mail_url: str,
        *,
        mail_timeout: float | tuple[float, float] = MAIL_TIMEOUT_S,
    ) -> None:
        self._users = UsersStore(db)
        self._mail_url = mail_url
        self._mail_timeout = mail_timeout

    def register(self, name: str, email: str) -> Registration:
        """Store the user, then email them. Raises EmailTakenError."""
        # The UNIQUE constraint decides, in one statement: no race.
        user = self._users.add(name, email)
        try:
            self._send_welcome(user)
        except requests.RequestException as error:
            log.warning("welcome not sent, user %d: %s", user.id, error)
            return Registration(user, welcome_sent=False)
        return Registration(user, welcome_sent=True)

    def _send_welcome(self, user: User) -> None:
        response = requests.post(
            self._mail_url,
            json={"to": user.email, "name": user.name},
            timeout=self._mail_timeout,
        )
        response.raise_for_status()


# --8<-- [end:pr]
