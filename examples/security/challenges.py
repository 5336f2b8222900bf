"""The WWW-Authenticate challenge for a 401 from a login form or a session cookie.

RFC 9110 (section 15.5.2) says a 401 MUST carry a WWW-Authenticate field
with at least one challenge (section 11.6.1 defines the field). IANA's
HTTP Authentication Scheme Registry has no scheme for a form login or a
session cookie (Bearer is for tokens in the Authorization header), so these
apps send one of their own. Browsers open their login dialog only for the
schemes they implement, such as Basic, so this changes nothing a user sees; a
client learns from it that a session is missing and, where one exists, which
route makes it.
"""

from __future__ import annotations

from typing import Any


def session_challenge(realm: str, login: str | None = None) -> dict[str, str]:
    """The header for a 401: `Session realm="..."`, with the login route if any."""
    value = f'Session realm="{realm}"'
    if login is not None:
        value += f', login="{login}"'
    return {"WWW-Authenticate": value}


def documented_challenge(realm: str) -> dict[str, Any]:
    """The same header as an OpenAPI response header, required on the 401."""
    return {
        "WWW-Authenticate": {
            "description": f'Session realm="{realm}": log in first',
            "required": True,
            "schema": {"type": "string", "pattern": f'^Session realm="{realm}"'},
        }
    }
