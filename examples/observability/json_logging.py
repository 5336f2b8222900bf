"""JSON log lines that carry the request id and the trace id, with secrets redacted.

Standard library only: a Formatter that writes one JSON object per record, a
ContextVar that holds the current request id, and a Filter that removes
credentials and card numbers before anything is written.
"""

from __future__ import annotations

import json
import logging
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import IO, Any

from opentelemetry import trace

# --8<-- [start:request_id]
# One value per task or thread context: two concurrent requests never see each
# other's id, which a module-level global would not guarantee.
request_id: ContextVar[str | None] = ContextVar("request_id", default=None)

# Ids come from callers, so they are untrusted input that ends up in every log
# line: accept a short, plain token, otherwise make a fresh one.
_SAFE_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


def accept_request_id(incoming: object) -> str:
    """The caller's id if it is a safe token, else a new random one.

    `object`, not `str | None`: an AMQP header can hold an int, bytes or a
    table, and a bad header must cost a fresh id, never an exception.
    """
    if isinstance(incoming, str) and _SAFE_ID.fullmatch(incoming):
        return incoming
    return uuid.uuid4().hex


# --8<-- [end:request_id]

# --8<-- [start:formatter]
# Attributes every LogRecord has; anything else came in through `extra=`.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, ids, extra fields."""

    def format(self, record: logging.LogRecord) -> str:
        when = datetime.fromtimestamp(record.created, UTC)
        line: dict[str, Any] = {
            "time": when.isoformat(timespec="milliseconds"),  # UTC, to the ms
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": request_id.get(),
        }
        span = trace.get_current_span().get_span_context()
        if span.is_valid:  # the same ids the tracing backend shows, as hex
            line["trace_id"] = format(span.trace_id, "032x")
            line["span_id"] = format(span.span_id, "016x")
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:  # set, and already scrubbed, by the filter
            line["exception"] = record.exc_text
        if record.stack_info:
            line["stack"] = record.stack_info
        for key, value in vars(record).items():
            # `extra` never replaces a fixed key: a caller cannot forge the
            # level, the time or another request's id.
            if key not in _STANDARD and key not in line:
                line[key] = value
        # default=str: a stray object in `extra` must not make logging raise.
        return json.dumps(line, default=str)


# --8<-- [end:formatter]

# --8<-- [start:redaction]
REDACTED = "[REDACTED]"
# Parts of field names whose values never belong in a log, at any depth of
# `extra`. Matched inside the name with case, "-" and "_" ignored, so
# `X-Auth-Token`, `apiKey`, `session_id` and `client_secret` all match. Some
# innocent fields (`author`, `routing_key`) are masked too: the safe mistake.
SENSITIVE_PARTS = ("passw", "pwd", "secret", "token", "auth", "cookie",
                   "session", "key", "credential", "signature", "cardnumber",
                   "cvv")  # fmt: skip
_NAME = r"[\w-]*(?:passw|pwd|secret|token|api[_-]?key|session|cookie)[\w-]*"
# The same secrets when someone formats them into the message text.
_IN_TEXT = [
    # key=value, key: value and "key": "value", as in a query string or JSON.
    (re.compile(rf"(?i)\b({_NAME}[\"']?\s*[:=]\s*[\"']?)[^\s\"',;&}}]+"),
     r"\1" + REDACTED),
    # An Authorization header's value, whatever its scheme.
    (re.compile(r"(?i)\b(authorization[\"']?\s*[:=]\s*[\"']?)[^\s\"',]+"
                r"(?:\s+(?![a-z-]+[:=])[^\s\"',]+)?"), r"\1" + REDACTED),
    (re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]+"), r"\1 " + REDACTED),
    # user:password@ in a URL, e.g. a database connection string.
    (re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://[^\s/:@]*):[^\s/@]*@"),
     r"\1:" + REDACTED + "@"),
    # A JSON Web Token: three base64url parts, the first one '{"...'.
    (re.compile(r"\beyJ[\w-]*\.[\w-]*\.[\w-]*"), REDACTED),
    # 13 to 19 digits, optionally grouped by spaces or dashes: keep the last four.
    (re.compile(r"\b(?:\d[ -]?){9,15}(\d{4})\b"), r"[CARD ...\1]"),
]  # fmt: skip


def scrub_text(text: str) -> str:
    for pattern, replacement in _IN_TEXT:
        text = pattern.sub(replacement, text)
    return text


def is_sensitive(key: str) -> bool:
    name = key.lower().replace("-", "").replace("_", "")
    return any(part in name for part in SENSITIVE_PARTS)


def scrub_value(key: str, value: Any) -> Any:
    if is_sensitive(key):
        return REDACTED
    if isinstance(value, dict):
        return {str(k): scrub_value(str(k), v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [scrub_value(key, v) for v in value]
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, bytes):
        value = value.decode("utf-8", errors="replace")
    # Anything else becomes text here, and is scrubbed as text, rather than
    # being turned into a string by json.dumps after this filter has run.
    return scrub_text(str(value))


class RedactingFilter(logging.Filter):
    """Rewrite a record so no secret reaches this handler's formatter."""

    _plain = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a bad format string must not raise here
            message = f"{record.msg} {record.args!r}"
        record.msg = scrub_text(message)
        record.args = None  # already merged into msg, and scrubbed with it
        for key, value in list(vars(record).items()):
            if key not in _STANDARD:
                setattr(record, key, scrub_value(key, value))
        # A traceback quotes exception messages, which often hold a URL with a
        # password: render it now and scrub it, as formatters reuse exc_text.
        if record.exc_info and not record.exc_text:
            record.exc_text = self._plain.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub_text(record.exc_text)
        if record.stack_info:
            record.stack_info = scrub_text(record.stack_info)
        return True  # keep the record, now clean


# --8<-- [end:redaction]


@contextmanager
def json_logs_to(stream: IO[str], logger_name: str = "jobs") -> Iterator[None]:
    """Send `logger_name` and its children to `stream` as redacted JSON lines."""
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RedactingFilter())
    logger = logging.getLogger(logger_name)
    logger.addHandler(handler)
    previous = logger.level
    logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)


def parse_lines(text: str) -> list[dict[str, Any]]:
    """The JSON objects of a captured log, one per non-empty line."""
    return [json.loads(line) for line in text.splitlines() if line.strip()]
