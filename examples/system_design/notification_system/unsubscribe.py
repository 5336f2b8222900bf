"""One-click unsubscribe for bulk email (RFC 8058), with a signed, opaque token.

The message carries two headers: `List-Unsubscribe` with an HTTPS URI, and
`List-Unsubscribe-Post: List-Unsubscribe=One-Click`. The mail client then
unsubscribes with a POST carrying the field `List-Unsubscribe=One-Click`,
which RFC 8058 section 3.1 says SHOULD be sent as multipart/form-data and MAY
be sent as application/x-www-form-urlencoded, so the body is parsed by its
Content-Type and both are accepted. The POST has no cookies and no login, so
the URI itself must say who and what: here a token of user id and category,
signed with HMAC-SHA256 so nobody can unsubscribe someone else by editing
it. A GET (a link scanner following URLs) must never unsubscribe; the RFC's
POST is what does, and the answer to it must not be a redirect.
"""

from __future__ import annotations

import base64
import email.policy
import hashlib
import hmac
from email import message_from_bytes
from urllib.parse import parse_qsl

ONE_CLICK_BODY = "List-Unsubscribe=One-Click"
MAX_BODY = 4_096  # a one-click body is a few dozen bytes


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


# --8<-- [start:headers]
def unsubscribe_headers(
    base_url: str, user_id: int, category: str, secret: bytes
) -> dict[str, str]:
    """The two RFC 8058 headers for one recipient of one category of mail."""
    if not base_url.startswith("https://"):
        raise ValueError("RFC 8058 requires an HTTPS URI")
    if not category.isidentifier() or len(secret) < 32:
        raise ValueError("category must be a plain name; secret at least 32 bytes")
    payload = f"{user_id}:{category}".encode()
    signature = hmac.new(secret, payload, hashlib.sha256).digest()
    token = f"{_b64(payload)}.{_b64(signature)}"
    return {
        "List-Unsubscribe": f"<{base_url}/unsubscribe/{token}>",
        "List-Unsubscribe-Post": ONE_CLICK_BODY,
    }


def form_fields(content_type: str, body: bytes) -> dict[str, str]:
    """The fields of an urlencoded or multipart/form-data POST body."""
    if len(body) > MAX_BODY:
        raise ValueError("body too large for a one-click unsubscribe")
    if "\r" in content_type or "\n" in content_type:
        raise ValueError("malformed Content-Type")
    head = f"Content-Type: {content_type}\r\n\r\n".encode("latin-1")
    message = message_from_bytes(head + body, policy=email.policy.HTTP)
    kind = message.get_content_type()
    try:
        if kind == "application/x-www-form-urlencoded":
            pairs = parse_qsl(body.decode("ascii").strip(), strict_parsing=True)
            return dict(pairs)
        if kind == "multipart/form-data" and message.is_multipart():
            return {
                part.get_param("name", header="content-disposition"): part.get_content()
                for part in message.iter_parts()
            }
    except (UnicodeDecodeError, ValueError, KeyError) as error:
        raise ValueError("malformed form body") from error
    raise ValueError(f"not a form body: {kind}")


def verify_one_click(
    token: str, content_type: str, body: bytes, secret: bytes
) -> tuple[int, str]:
    """(user_id, category) from a one-click POST, or ValueError if it is not one."""
    if form_fields(content_type, body).get("List-Unsubscribe") != "One-Click":
        raise ValueError("not a one-click unsubscribe body")
    try:
        payload_text, signature_text = token.split(".")
        payload, signature = _unb64(payload_text), _unb64(signature_text)
    except ValueError as error:  # wrong shape or not base64
        raise ValueError("malformed token") from error
    if _b64(payload) != payload_text or _b64(signature) != signature_text:
        raise ValueError("malformed token")  # one value, one spelling of it
    expected = hmac.new(secret, payload, hashlib.sha256).digest()
    if not hmac.compare_digest(signature, expected):
        raise ValueError("bad signature")
    user, category = payload.decode().split(":")
    return int(user), category


# --8<-- [end:headers]
