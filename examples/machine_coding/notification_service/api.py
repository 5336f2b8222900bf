"""The send and status APIs over HTTP.

    POST /notifications        202 Accepted + Location; Idempotency-Key header optional
    GET  /notifications/{id}   200 with a status per channel, or 404

Errors are RFC 9457 problem details, through the module the REST section
built (examples/apis/rest/problem_details.py): a malformed body is 400, a body
that is not JSON is 415, a well-formed one that breaks the rules is 422 with
a JSON Pointer per mistake, a bad header or path parameter is 400, and a key
reused with a different body is 422, as the IETF Idempotency-Key draft asks.

There is no authentication here; that is another topic. In production the
callers are authenticated services, and each one's keys are its own.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Annotated

from fastapi import Depends, FastAPI, Header, Path, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from examples.apis.rest.problem_details import (
    PROBLEM_TYPES,
    install_problem_handlers,
    json_pointer,
    problem_response,
    problem_responses,
)
from examples.apis.rest.users_app import JSON, accepts
from examples.machine_coding.notification_service.errors import (
    IdempotencyConflictError,
    NotificationError,
    NotificationNotFoundError,
)
from examples.machine_coding.notification_service.model import (
    Channel,
    Delivery,
    DeliveryStatus,
    SendRequest,
)
from examples.machine_coding.notification_service.service import (
    IDEMPOTENCY_KEY,
    NotificationService,
    NotificationStatus,
)

# --8<-- [start:models]
# Rules SendRequest enforces, written into the schema too (json_schema_extra
# documents without enforcing, so the service's own messages stay): a name has
# a character that strip() keeps, and no channel is listed twice. Regex engines
# disagree on \s, so the characters str.isspace counts are listed one by one.
NOT_BLANK = (
    r"[^\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
)
Name = Annotated[
    str,
    StringConstraints(min_length=1, max_length=64),
    Field(json_schema_extra={"pattern": NOT_BLANK}),
]
VariableName = Annotated[str, StringConstraints(min_length=1, max_length=64)]
Value = Annotated[str, StringConstraints(max_length=2_000)]


class SendBody(BaseModel):
    """The body of POST /notifications. Unknown fields are refused, not ignored."""

    model_config = ConfigDict(extra="forbid")

    user_id: Name
    template: Name
    channels: Annotated[
        list[Channel],
        Field(
            min_length=1,
            max_length=len(Channel),
            json_schema_extra={"uniqueItems": True},
        ),
    ]
    variables: Annotated[dict[VariableName, Value], Field(max_length=50)] = {}


class DeliveryOut(BaseModel):
    """One channel's status as the API shows it."""

    status: DeliveryStatus
    attempts: int
    next_attempt_at: str | None  # only while queued or deferred
    last_error: str | None
    sent_at: str | None


class NotificationOut(BaseModel):
    """A notification and a status per channel."""

    id: str
    user_id: str
    template: str
    created_at: str
    channels: dict[Channel, DeliveryOut]


# --8<-- [end:models]

NotificationId = Annotated[str, Path(min_length=1, max_length=64)]
# The 202's headers, in the OpenAPI document: a client follows Location.
ACCEPTED = {
    "description": "Accepted: delivery happens later",
    "headers": {
        "Location": {
            "description": "The notification's status, for GET",
            "required": True,
            "schema": {"type": "string", "format": "uri"},
        },
        "Idempotent-Replayed": {
            "description": "Sent when the key was used before: this is that "
            "request's notification, and nothing new was sent",
            "schema": {"type": "string", "enum": ["true"]},
        },
    },
}

# --8<-- [start:idempotency_key]
# RFC 9651's sf-string: printable ASCII in quotes, with \" and \\ escaped.
SF_STRING = re.compile(r'"((?:[ !#-\[\]-~]|\\["\\])*)"')
# What idempotency_key accepts, as a pattern the OpenAPI document can carry: a
# bare key not starting with a quote, or a quoted one with no spaces inside.
# The dependency keeps its own checks, for their clearer error messages.
KEY_PATTERN = r'^(?:[!#-~][!-~]{0,254}|"(?:[!#-\[\]-~]|\\["\\]){1,255}")$'
IdempotencyKeyHeader = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        description="1-255 printable ASCII characters, no spaces, quoted as in "
        'the IETF draft ("k-1") or bare as at Stripe (k-1): the same key either way',
        json_schema_extra={"pattern": KEY_PATTERN},
    ),
]


def idempotency_key(
    request: Request, header: IdempotencyKeyHeader = None
) -> str | None:
    """The key in the Idempotency-Key header, quoted or bare; a 400 if malformed."""
    if header is None:
        return None
    raw = header.strip(" \t")
    quoted = SF_STRING.fullmatch(raw)
    key = re.sub(r'\\(["\\])', r"\1", quoted[1]) if quoted else raw
    if len(request.headers.getlist("idempotency-key")) > 1:
        problem = "send one Idempotency-Key header, not several"
    elif raw.startswith('"') and not quoted:
        problem = "a quoted Idempotency-Key must be one whole quoted string"
    elif not IDEMPOTENCY_KEY.fullmatch(key):
        problem = "an Idempotency-Key is 1-255 printable ASCII characters, no spaces"
    else:
        return key
    error = {
        "type": "value_error",
        "loc": ("header", "idempotency-key"),
        "msg": problem,
    }
    raise RequestValidationError([error])


# --8<-- [end:idempotency_key]


def _iso(seconds: float | None) -> str | None:
    if seconds is None:
        return None
    return datetime.fromtimestamp(seconds, UTC).isoformat(timespec="seconds")


def _delivery_out(delivery: Delivery) -> DeliveryOut:
    waiting = not delivery.status.terminal
    return DeliveryOut(
        status=delivery.status,
        attempts=delivery.attempts,
        next_attempt_at=_iso(delivery.due_at) if waiting else None,
        last_error=delivery.last_error,
        sent_at=_iso(delivery.sent_at),
    )


def to_out(status: NotificationStatus) -> NotificationOut:
    """The response document for a notification and its deliveries."""
    notification = status.notification
    return NotificationOut(
        id=notification.id,
        user_id=notification.request.user_id,
        template=notification.request.template,
        created_at=_iso(notification.created_at) or "",
        channels={d.channel: _delivery_out(d) for d in status.deliveries},
    )


# --8<-- [start:errors]
async def _on_notification_error(
    request: Request, exc: NotificationError
) -> JSONResponse:
    """Map the service's refusals to problems; the field names come from the error."""
    if isinstance(exc, NotificationNotFoundError):
        return problem_response(
            request,
            404,
            title="Notification not found",
            detail=str(exc),
            type_=PROBLEM_TYPES + "notification-not-found",
        )
    if isinstance(exc, IdempotencyConflictError):
        # 422, as the IETF Idempotency-Key draft asks (Stripe sends a 400); its
        # 409 means "the first request is still running", which cannot happen
        # here: the key is claimed and the notification stored in one step.
        return problem_response(
            request,
            422,
            title="Idempotency key reused",
            detail=f"{exc}. Use a new key for a new request.",
            type_=PROBLEM_TYPES + "idempotency-key-reused",
        )
    return problem_response(
        request,
        422,
        title="Invalid request",
        detail="One or more inputs are invalid; see errors.",
        type_=PROBLEM_TYPES + "validation-error",
        errors=[{"detail": str(exc), "pointer": json_pointer([exc.field])}],
    )


# --8<-- [end:errors]


def create_app(service: NotificationService) -> FastAPI:
    """The notifications API over `service`; tests pass one built with fakes."""
    app = FastAPI(title="Notifications API")
    install_problem_handlers(app)
    app.add_exception_handler(NotificationError, _on_notification_error)  # type: ignore[arg-type]

    # --8<-- [start:routes]
    @app.post(
        "/notifications",
        status_code=202,
        response_model=NotificationOut,
        dependencies=[accepts(JSON)],
        responses={
            202: ACCEPTED,
            **problem_responses({415: f"The body is not {JSON}"}),
        },
    )
    def send_notification(
        body: SendBody,
        request: Request,
        response: Response,
        key: Annotated[str | None, Depends(idempotency_key)],
    ) -> NotificationOut:
        """Accept a notification; delivery happens later, so 202, not 201."""
        send_request = SendRequest(
            user_id=body.user_id,
            template=body.template,
            channels=tuple(body.channels),
            variables=body.variables,
        )
        accepted = service.send(send_request, key)
        notification_id = accepted.notification.id
        location = request.url_for("get_notification", notification_id=notification_id)
        response.headers["Location"] = str(location)
        if not accepted.created:
            # The same notification as the first time (in its current state),
            # flagged so a caller can tell a replay from a new request.
            response.headers["Idempotent-Replayed"] = "true"
        return to_out(service.status(notification_id))

    @app.get(
        "/notifications/{notification_id}",
        response_model=NotificationOut,
        responses=problem_responses({404: "No notification has this id"}),
    )
    def get_notification(notification_id: NotificationId) -> NotificationOut:
        """Where each channel of the notification stands now."""
        return to_out(service.status(notification_id))

    # --8<-- [end:routes]
    return app
