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
import time
import uuid
from collections.abc import Callable, Mapping
from typing import Annotated

from fastapi import Depends, FastAPI, Header, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictInt,
    ValidationInfo,
    field_validator,
)
from starlette.concurrency import run_in_threadpool

from examples.apis.rest.problem_details import (
    PROBLEM_TYPES,
    ProblemError,
    install_problem_handlers,
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
    check_amount,
    check_currency,
    contains_card_number,
)
from examples.system_design.payments.service import OutcomeUnknownError, PaymentService
from examples.system_design.payments.webhooks import (
    MAX_BODY_BYTES,
    BadSignatureError,
    parse_signed,
)


# --8<-- [start:body]
class PaymentBody(BaseModel):
    """POST /payments. The currency comes first: the amount's limit depends on it."""

    model_config = ConfigDict(extra="forbid")

    currency: str
    amount: StrictInt  # minor units: 1999 is 19.99 USD; 19.99 is refused
    payment_method: Annotated[str, Field(min_length=5, max_length=100)]

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
        if not value.startswith("tok_") or not value[4:].replace("_", "").isalnum():
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


def current_merchant(
    request: Request, authorization: Annotated[str | None, Header()] = None
) -> str:
    """The merchant whose API key is in the Authorization header; 401 otherwise."""
    scheme, _, token = (authorization or "").partition(" ")
    digest = hashlib.sha256(token.encode()).hexdigest()
    merchants: Mapping[str, str] = request.app.state.api_key_hashes
    if scheme.lower() != "bearer" or digest not in merchants:
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
    @app.post("/payments", status_code=201, dependencies=[accepts(JSON)])
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

    @app.get("/payments/{payment_id}")
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

    @app.post("/webhooks/processor")
    async def processor_webhook(request: Request) -> JSONResponse:
        try:
            event = parse_signed(
                webhook_secret,
                await bounded_body(request),  # before any work: capped
                request.headers.get("processor-signature"),
                now=clock(),
            )
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
