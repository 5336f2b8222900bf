"""Domain names as the examples compare them: absolute, lowercase, label by label.

DNS compares names without regard to ASCII case (RFC 1034, section 3.1) and
limits a label to 63 octets and a whole name to 255 octets on the wire
(RFC 1035, section 2.3.4), which is 253 characters in text form.
"""

from __future__ import annotations

from dnslib import QTYPE

MAX_LABEL = 63
MAX_NAME_TEXT = 253  # 255 wire octets: a length byte per label and the root's zero byte


class BadName(ValueError):
    """A name that cannot be sent in a DNS query."""


def canonical(name: object) -> str:
    """`name` as an absolute, lowercase name ending in a dot; the root is ".".

    Accepts str or dnslib's DNSLabel (anything whose str() is the name).
    """
    text = str(name).strip().lower()
    if text in {"", "."}:
        return "."
    if not text.endswith("."):
        text += "."
    return text


def labels(name: object) -> tuple[str, ...]:
    """The labels of `name`, leftmost first; the root has none."""
    text = canonical(name)
    return () if text == "." else tuple(text[:-1].split("."))


def within(name: object, zone: object) -> bool:
    """True if `name` is `zone` or below it (label-wise: notexample.com is not in example.com)."""
    inner, outer = labels(name), labels(zone)
    return len(inner) >= len(outer) and inner[len(inner) - len(outer) :] == outer


def checked_name(name: str) -> str:
    """`name` made canonical, or BadName saying what is wrong with it."""
    if not isinstance(name, str):
        raise BadName(f"a name is a str, not {type(name).__name__}")
    if not name.isascii():
        raise BadName(f"{name!r} is not ASCII; encode it with IDNA (punycode) first")
    if any(character.isspace() for character in name.strip()):
        raise BadName(f"{name!r} contains whitespace")
    text = canonical(name)
    if text == ".":
        return text
    if len(text) - 1 > MAX_NAME_TEXT:
        raise BadName(f"{text[:20]}... is {len(text) - 1} characters; the limit is 253")
    for label in labels(text):
        if not label:
            raise BadName(f"{name!r} has an empty label")
        if len(label) > MAX_LABEL:
            raise BadName(
                f"a label of {len(label)} characters in {name!r}; the limit is 63"
            )
    return text


def record_type(text: str) -> int:
    """The numeric type for a mnemonic such as "AAAA", or ValueError."""
    try:
        return int(QTYPE.reverse[text.upper()])
    except (KeyError, AttributeError):
        raise ValueError(f"unknown record type {text!r}") from None
