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
from typing import IO, Any

from opentelemetry import trace

# --8<-- [start:request_id]
# One value per task or thread context: two concurrent requests never see each
# other's id, which a module-level global would not guarantee.
request_id: ContextVar[str | None] = ContextVar("request_id", default=None)

# Ids come from callers, so they are untrusted input that ends up in every log
# line: accept a short, plain token, otherwise make a fresh one.
_SAFE_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


def accept_request_id(incoming: str | None) -> str:
    """The caller's id if it is a safe token, else a new random one."""
    if incoming is not None and _SAFE_ID.fullmatch(incoming):
        return incoming
    return uuid.uuid4().hex


# --8<-- [end:request_id]

# --8<-- [start:formatter]
# Attributes every LogRecord has; anything else came in through `extra=`.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, ids, extra fields."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": request_id.get(),
        }
        span = trace.get_current_span().get_span_context()
        if span.is_valid:  # the same ids the tracing backend shows, as hex
            line["trace_id"] = format(span.trace_id, "032x")
            line["span_id"] = format(span.span_id, "016x")
        for key, value in vars(record).items():
            if key not in _STANDARD:
                line[key] = value
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        # default=str: a stray object in `extra` must not make logging raise.
        return json.dumps(line, default=str)


# --8<-- [end:formatter]

# --8<-- [start:redaction]
REDACTED = "[REDACTED]"
# Field names whose values never belong in a log, at any depth of `extra`.
SENSITIVE_KEYS = frozenset(
    {"authorization", "cookie", "set-cookie", "password", "passwd", "secret",
     "token", "access_token", "refresh_token", "api_key", "x-api-key",
     "card_number", "cvv"}
)  # fmt: skip
# The same secrets when someone formats them into the message text.
_IN_TEXT = [
    (re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]+"), r"\1 " + REDACTED),
    (
        re.compile(r"(?i)\b(password|passwd|secret|token|api_key)=\S+"),
        r"\1=" + REDACTED,
    ),
    # 13 to 19 digits, optionally grouped by spaces or dashes: keep the last four.
    (re.compile(r"\b(?:\d[ -]?){9,15}(\d{4})\b"), r"[CARD ...\1]"),
]


def scrub_text(text: str) -> str:
    for pattern, replacement in _IN_TEXT:
        text = pattern.sub(replacement, text)
    return text


def scrub_value(key: str, value: Any) -> Any:
    if key.lower() in SENSITIVE_KEYS:
        return REDACTED
    if isinstance(value, dict):
        return {k: scrub_value(str(k), v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [scrub_value(key, v) for v in value]
    if isinstance(value, str):
        return scrub_text(value)
    return value


class RedactingFilter(logging.Filter):
    """Rewrite a record so no secret reaches any formatter or handler."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = scrub_text(record.getMessage())
        record.args = None  # already merged into msg, and scrubbed with it
        for key, value in list(vars(record).items()):
            if key not in _STANDARD:
                setattr(record, key, scrub_value(key, value))
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
