"""The payments API over HTTP (FastAPI), its errors in the handbook's one format.

    POST /payments              Idempotency-Key required; 201 with the payment
    GET  /payments/{id}         the payment now, or 404
    POST /webhooks/processor    signed processor events; 200 with the outcome

Errors are RFC 9457 problem details from examples/apis/rest/problem_details.py,
and the Idempotency-Key header is parsed by the notification service's
dependency (quoted as the IETF draft writes it, or bare). Merchants
authenticate with a bearer API key; the app keeps only SHA-256 hashes of keys.
"""

from __future__ import annotations

import hashlib
import re
import time
import uuid
from collections.abc import Callable, Mapping
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
)
from starlette.concurrency import run_in_threadpool

from examples.apis.rest.problem_details import (
    PROBLEM_TYPES,
    ProblemError,
    install_problem_handlers,
    problem_doc,
    problem_response,
)
from examples.apis.rest.users_app import JSON, accepts
from examples.machine_coding.notification_service.api import idempotency_key
from examples.system_design.payments.bookkeeping import NewPayment, UnknownPaymentError
from examples.system_design.payments.idempotency import (
    IdempotencyKeyReusedError,
    RequestInFlightError,
)
from examples.system_design.payments.money import (
    MINOR_UNIT_EXPONENT,
    check_amount,
    check_currency,
    contains_card_number,
    max_amount,
)
from examples.system_design.payments.service import OutcomeUnknownError, PaymentService
from examples.system_design.payments.states import PaymentStatus
from examples.system_design.payments.webhooks import (
    MAX_BODY_BYTES,
    BadSignatureError,
    Outcome,
    parse_signed,
)

# --8<-- [start:body]
# The validators' rules, in the OpenAPI document too (json_schema_extra only
# documents: the validators keep their messages): the currencies, each one's
# largest amount, and the token's shape. A Luhn check is beyond a schema.
CURRENCIES = sorted(MINOR_UNIT_EXPONENT)
AMOUNT_LIMITS = [
    {
        "if": {"properties": {"currency": {"const": code}}, "required": ["currency"]},
        "then": {"properties": {"amount": {"maximum": max_amount(code)}}},
    }
    for code in CURRENCIES
]
TOKEN_PATTERN = r"^tok_[A-Za-z0-9_]*[A-Za-z0-9][A-Za-z0-9_]*$"  # noqa: S105
TOKEN = re.compile(TOKEN_PATTERN)


def _json_number(value: object) -> object:
    # Pydantic's lax int would also take "1999" and true; JSON's numbers only.
    if isinstance(value, bool) or not isinstance(value, int | float):
        kind = type(value).__name__  # the type, never the value
        raise ValueError(f"amount must be a valid integer, not {kind}")
    return value


class PaymentBody(BaseModel):
    """POST /payments. The currency comes first: the amount's limit depends on it."""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"allOf": AMOUNT_LIMITS}
    )

    currency: str = Field(json_schema_extra={"enum": CURRENCIES})
    # Minor units: 1999 is 19.99 USD; 19.99 and "1999" are refused. JSON does
    # not tell 1999.0 from 1999 (JSON Schema calls both integers), nor do we.
    amount: Annotated[int, BeforeValidator(_json_number)] = Field(
        json_schema_extra={"minimum": 1}
    )
    payment_method: str = Field(
        min_length=5, max_length=100, json_schema_extra={"pattern": TOKEN_PATTERN}
    )

    @field_validator("currency")
    @classmethod
    def _currency(cls, value: str) -> str:
        return check_currency(value)

    @field_validator("amount")
    @classmethod
    def _amount(cls, value: int, info: ValidationInfo) -> int:
        if "currency" not in info.data:
            return value  # the currency's own error says what is wrong
        return check_amount(value, info.data["currency"])

    @field_validator("payment_method")
    @classmethod
    def _token(cls, value: str) -> str:
        # The error never repeats the value: it may be a card number.
        if contains_card_number(value):
            raise ValueError(
                "send the processor's token for the card, never its number"
            )
        if not TOKEN.fullmatch(value):
            raise ValueError(
                "payment_method must be a processor token such as tok_visa"
            )
        return value


# --8<-- [end:body]


def required_key(key: Annotated[str | None, Depends(idempotency_key)]) -> str:
    """The Idempotency-Key; a 400 without one, as the draft suggests for such routes."""
    if key is None:
        error = {
            "type": "missing",
            "loc": ("header", "idempotency-key"),
            "msg": "POST /payments requires an Idempotency-Key header",
        }
        raise RequestValidationError([error])
    return key


# Documents the scheme (OpenAPI's bearer security) and leaves refusing to us.
API_KEY = HTTPBearer(auto_error=False, description="A merchant's secret API key")


def current_merchant(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(API_KEY)],
) -> str:
    """The merchant whose API key is in the Authorization header; 401 otherwise."""
    token = credentials.credentials if credentials is not None else ""
    digest = hashlib.sha256(token.encode()).hexdigest()
    merchants: Mapping[str, str] = request.app.state.api_key_hashes
    if credentials is None or digest not in merchants:
        # RFC 9110: a 401 names the scheme the client should use.
        raise HTTPException(
            401, "Send a valid API key.", headers={"WWW-Authenticate": "Bearer"}
        )
    return merchants[digest]


async def bounded_body(request: Request, limit: int = MAX_BODY_BYTES) -> bytes:
    """The request body, or a 413 as soon as it grows past `limit` bytes."""
    declared = request.headers.get("content-length", "0")
    if not declared.isdigit() or int(declared) > limit:
        raise ProblemError(
            413, "body-too-large", "Body too large", f"At most {limit} bytes."
        )
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:  # a chunked body declares no length
            raise ProblemError(
                413, "body-too-large", "Body too large", f"At most {limit} bytes."
            )
    return bytes(body)


class PaymentOut(BaseModel):
    """A payment as the API shows it (never its payment method)."""

    id: uuid.UUID
    amount: int
    currency: str
    status: PaymentStatus
    decline_code: str | None


class WebhookOut(BaseModel):
    outcome: Outcome


class EventIn(BaseModel):
    """A processor event, as the webhook reads it (parse_signed checks it)."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[^\x00]+$")  # not empty, and no NUL
    reference: uuid.UUID  # our payment id
    status: Literal["succeeded", "failed", "refunded"]


def _header(description: str) -> dict[str, Any]:
    return {"description": description, "required": True, "schema": {"type": "string"}}


def _problem(description: str, **headers: str) -> dict[str, Any]:
    """A documented problem response, with the headers it always carries."""
    doc = problem_doc(description)
    if headers:
        doc["headers"] = {name: _header(text) for name, text in headers.items()}
    return doc


UNAUTHORIZED = _problem("No valid API key", **{"WWW-Authenticate": "Bearer"})
CREATED = {
    "description": "The payment, made now or replayed for this key",
    "headers": {
        "Location": _header("The payment's URL"),
        "Idempotent-Replayed": {
            "description": "true when this is the stored response to an earlier request",
            "schema": {"type": "string", "enum": ["true"]},
        },
    },
}
CREATE_RESPONSES: dict[int | str, Any] = {
    201: CREATED,
    401: UNAUTHORIZED,
    409: _problem("A request with this key is in flight", **{"Retry-After": "Seconds"}),
    415: problem_doc(f"The body is not {JSON}"),
    503: _problem("The processor did not answer", **{"Retry-After": "Seconds"}),
}
READ_RESPONSES: dict[int | str, Any] = {
    401: UNAUTHORIZED,
    404: problem_doc("No payment of this merchant has this id"),
}
# The webhook reads its body as bytes (the signature covers them), so FastAPI
# cannot infer what it takes: the document says it here.
WEBHOOK_REQUEST = {
    "parameters": [
        {
            "name": "Processor-Signature",
            "in": "header",
            "required": True,
            "description": "t=<unix time>,v1=<hex HMAC-SHA256 of time.body>",
            "schema": {"type": "string"},
        }
    ],
    "requestBody": {
        "required": True,
        "content": {JSON: {"schema": EventIn.model_json_schema()}},
    },
}
WEBHOOK_RESPONSES: dict[int | str, Any] = {
    200: {"description": "What the event did: applied, stale, refused or duplicate"},
    400: problem_doc("A bad signature or a malformed event"),
    404: problem_doc("No payment has the event's reference; the processor retries"),
    413: problem_doc(f"The body is over {MAX_BODY_BYTES} bytes"),
}


def _correct_the_document(app: FastAPI) -> None:
    """Two things FastAPI cannot infer, said once the document is built.

    POST /payments needs the Idempotency-Key (required_key refuses without
    it), but the header comes from the notification service's optional
    dependency. The webhook answers a bad event with a 400 (bad-event), never
    the 422 that install_problem_handlers lists for every route with a body.
    """
    build = app.openapi

    def openapi() -> dict[str, Any]:
        schema = build()
        for parameter in schema["paths"]["/payments"]["post"]["parameters"]:
            if parameter["name"] == "Idempotency-Key":
                parameter["required"] = True
                parameter["schema"].pop("anyOf", None)  # a sent header is a string
                parameter["schema"]["type"] = "string"
        schema["paths"]["/webhooks/processor"]["post"]["responses"].pop("422", None)
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def create_app(
    service: PaymentService,
    api_key_hashes: Mapping[str, str],
    webhook_secret: bytes,
    *,
    clock: Callable[[], float] = time.time,
) -> FastAPI:
    """The API over `service`; `api_key_hashes` maps SHA-256 hex of a key to a merchant.

    `clock` is Unix time, against which webhook timestamps are checked.
    """
    app = FastAPI(title="Payments API")
    install_problem_handlers(app)
    _correct_the_document(app)

    app.state.api_key_hashes = dict(api_key_hashes)

    # --8<-- [start:errors]
    @app.exception_handler(IdempotencyKeyReusedError)
    async def _reused(request: Request, exc: IdempotencyKeyReusedError) -> JSONResponse:
        # 422, as the draft asks: the key is fine, this body does not belong to it.
        return problem_response(
            request,
            422,
            title="Idempotency key reused",
            detail="This key was used with a different request. Use a new key.",
            type_=PROBLEM_TYPES + "idempotency-key-reused",
        )

    @app.exception_handler(RequestInFlightError)
    async def _in_flight(request: Request, exc: RequestInFlightError) -> JSONResponse:
        return problem_response(
            request,
            409,
            title="Request in progress",
            detail="A request with this key is still being processed. Retry later.",
            type_=PROBLEM_TYPES + "request-in-progress",
            headers={"Retry-After": "1"},
        )

    @app.exception_handler(OutcomeUnknownError)
    async def _unknown(request: Request, exc: OutcomeUnknownError) -> JSONResponse:
        return problem_response(
            request,
            503,
            title="Payment outcome unknown",
            detail=f"The processor did not answer for payment {exc.payment_id}."
            " Retry with the same Idempotency-Key; it will not charge twice.",
            type_=PROBLEM_TYPES + "outcome-unknown",
            headers={"Retry-After": "5"},
        )

    # --8<-- [end:errors]

    # --8<-- [start:routes]
    @app.post(
        "/payments",
        status_code=201,
        dependencies=[accepts(JSON)],
        response_model=PaymentOut,  # for the document: the route sends JSON itself
        responses=CREATE_RESPONSES,
    )
    def create_payment(
        body: PaymentBody,
        merchant_id: Annotated[str, Depends(current_merchant)],
        key: Annotated[str, Depends(required_key)],
    ) -> JSONResponse:
        new = NewPayment(merchant_id, body.amount, body.currency, body.payment_method)
        stored = service.create_payment(key, new)
        headers = {"Location": f"/payments/{stored.body['id']}"}
        if stored.replayed:
            headers["Idempotent-Replayed"] = "true"
        return JSONResponse(stored.body, stored.status, headers=headers)

    @app.get(
        "/payments/{payment_id}", response_model=PaymentOut, responses=READ_RESPONSES
    )
    def get_payment(
        payment_id: uuid.UUID, merchant_id: Annotated[str, Depends(current_merchant)]
    ) -> JSONResponse:
        found = service.get_payment(merchant_id, payment_id)
        if found is None:  # another merchant's payment looks the same as none
            raise ProblemError(
                404,
                "payment-not-found",
                "Payment not found",
                f"There is no payment {payment_id}.",
            )
        return JSONResponse(found)

    @app.post(
        "/webhooks/processor",
        response_model=WebhookOut,
        responses=WEBHOOK_RESPONSES,
        openapi_extra=WEBHOOK_REQUEST,
    )
    async def processor_webhook(request: Request) -> JSONResponse:
        try:
            event = parse_signed(
                webhook_secret,
                await bounded_body(request),  # before any work: capped
                request.headers.get("processor-signature"),
                now=clock(),
            )
            if "\x00" in event.id:  # PostgreSQL text cannot hold it: a 400, not a 500
                raise ValueError("an event id cannot contain NUL")
        except BadSignatureError as error:
            raise ProblemError(
                400, "bad-signature", "Bad signature", str(error)
            ) from None
        except ValueError as error:
            raise ProblemError(
                400, "bad-event", "Malformed event", str(error)
            ) from None
        try:
            outcome = await run_in_threadpool(service.handle_event, event)
        except UnknownPaymentError as error:  # not recorded: the processor retries
            raise ProblemError(
                404, "payment-not-found", "Payment not found", str(error)
            ) from None
        return JSONResponse({"outcome": outcome})

    # --8<-- [end:routes]
    return app
