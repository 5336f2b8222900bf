"""Templates with $variables: every variable must be supplied, and values that
land in the email's HTML body are escaped.

string.Template is used instead of str.format because a format field can
reach attributes and items ("{name.__class__}", "{data[key]}") and carries a
format spec; a $-placeholder is only a name, and get_identifiers() (Python
3.11) lists them up front. Note the trap in its API: `safe_substitute` leaves
a missing "$name" in the text and sends it to the user, so it is the unsafe
choice here. We check first, then `substitute`.
"""

from __future__ import annotations

import html
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from string import Template as DollarTemplate

from examples.machine_coding.notification_service.errors import (
    InvalidVariableError,
    MissingVariableError,
    UnknownTemplateError,
)
from examples.machine_coding.notification_service.model import Channel, Message


def _identifiers(text: str, where: str) -> frozenset[str]:
    template = DollarTemplate(text)
    if not template.is_valid():
        raise ValueError(f"{where} has a malformed placeholder; write $$ for a $")
    return frozenset(template.get_identifiers())


# --8<-- [start:template]
@dataclass(frozen=True)
class Template:
    """One message in several shapes: plain text for SMS, push and in-app,
    a subject and an HTML body for email.

    The template, not the caller, decides the category (what users opt out
    of) and urgency (whether quiet hours apply): a caller cannot mark its
    marketing message urgent to get past them.
    """

    name: str
    category: str
    text: str
    email_subject: str
    email_html: str
    urgent: bool = False
    variables: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        if not self.name or not self.category:
            raise ValueError("a template needs a name and a category")
        names = (
            _identifiers(self.text, "text")
            | _identifiers(self.email_subject, "email_subject")
            | _identifiers(self.email_html, "email_html")
        )
        object.__setattr__(self, "variables", names)

    def render(self, channel: Channel, values: Mapping[str, str]) -> Message:
        """The message for `channel`; MissingVariableError names every absent variable."""
        missing = self.variables - values.keys()
        if missing:
            raise MissingVariableError(self.name, missing)
        if channel is not Channel.EMAIL:
            return Message(body=DollarTemplate(self.text).substitute(values))
        # A value with a line break in a subject header could smuggle in
        # extra headers (header injection), so it is refused, not cleaned.
        for name in _identifiers(self.email_subject, "email_subject"):
            if "\r" in values[name] or "\n" in values[name]:
                raise InvalidVariableError(f"variable {name!r} has a line break")
        # Values are user data ("<script>" as a first name); the template's
        # own markup is trusted. Escape the values, never the template.
        escaped = {name: html.escape(value) for name, value in values.items()}
        return Message(
            subject=DollarTemplate(self.email_subject).substitute(values),
            body=DollarTemplate(self.email_html).substitute(escaped),
        )


# --8<-- [end:template]


class TemplateStore:
    """Templates by name. Thread-safe: registration and lookup share a lock."""

    def __init__(self, templates: tuple[Template, ...] = ()) -> None:
        self._lock = threading.Lock()
        self._templates: dict[str, Template] = {}
        for template in templates:
            self.add(template)

    def add(self, template: Template) -> None:
        """Register a template. Names are never reused: a change is a new name
        (say "welcome_v2"), so a stored notification still says what it used."""
        with self._lock:
            if template.name in self._templates:
                raise ValueError(f"template {template.name!r} already exists")
            self._templates[template.name] = template

    def get(self, name: str) -> Template:
        """The template called `name`, or UnknownTemplateError."""
        with self._lock:
            template = self._templates.get(name)
        if template is None:
            raise UnknownTemplateError(name)
        return template
