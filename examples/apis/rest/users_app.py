"""The `users` resource over HTTP: FastAPI routes on top of UsersStore.

    POST   /users        create          201 + Location, 409 on a taken email
    GET    /users        list, by page   200 with `items` and a `next` link
    GET    /users/{id}   read            200, or 404
    PUT    /users/{id}   replace         200, 404 for an unknown id (never creates)
    PATCH  /users/{id}   merge patch     200, 404, 409
    DELETE /users/{id}   remove          204 with no body, or 404

Every error is an RFC 9457 problem (see problem_details.py). This is an admin
API: whoever may call it can list, change and delete every user. Access
control is another topic, so create_app takes it as an `authorize` dependency
with no default: the demo and tests pass allow_anyone_demo_only, by name.
examples/security/authorization/users_api.py is the same API with bearer
tokens, roles and ownership checks.
"""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from collections.abc import Awaitable, Callable
from typing import Annotated, Any, NoReturn, TypeVar

from fastapi import (
    Body,
    Depends,
    FastAPI,
    HTTPException,
    Path,
    Query,
    Request,
    Response,
)
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
)

from examples.apis.rest.cursors import CURSOR_SHAPE, MAX_CURSOR_LENGTH, CursorCodec
from examples.apis.rest.problem_details import (
    ProblemError,
    install_problem_handlers,
    problem_responses,
)
from examples.apis.rest.users_store import EmailTakenError, User, UsersStore

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
MAX_SQLITE_INTEGER = 2**63 - 1  # a larger id would overflow sqlite3, not 404
JSON = "application/json"
MERGE_PATCH = "application/merge-patch+json"  # RFC 7396


# --8<-- [start:models]
def _no_control_characters(value: str) -> str:
    # SQLite's length() stops at the first NUL, so "\x00Ada" would pass the
    # length rules here, then break the CHECK: a 500. Names and addresses
    # never need a control character (NUL, newline, DEL, ...).
    if any(unicodedata.category(char) == "Cc" for char in value):
        raise ValueError("must not contain control characters")
    return value


# The same rules as JSON Schema patterns, so the OpenAPI document tells clients
# (and tests generated from it) what the validators accept. Cc is exactly
# U+0000-U+001F and U+007F-U+009F.
CC = r"\x00-\x1f\x7f-\x9f"
NAME_PATTERN = rf"^[^{CC}]*[^\s{CC}][^{CC}]*$"  # something left after strip()
EMAIL_PATTERN = rf"^[^@\s{CC}]+@[^@\s{CC}]+\.[^@\s{CC}]+$"

Name = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=100),
    AfterValidator(_no_control_characters),
    Field(json_schema_extra={"pattern": NAME_PATTERN}),
]
EMAIL_SHAPE = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def _check_email(value: str) -> str:
    # A shape check only; proving an address works takes a confirmation email.
    if not EMAIL_SHAPE.fullmatch(value):
        raise ValueError("must look like name@example.com")
    return value


Email = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=254),
    AfterValidator(_no_control_characters),
    AfterValidator(_check_email),
    Field(json_schema_extra={"pattern": EMAIL_PATTERN}),
]


class UserIn(BaseModel):
    """The body of POST and PUT: a whole user, every field required."""

    # Unknown fields (a typo, or an `id` the client hopes to set) are errors,
    # not silently dropped.
    model_config = ConfigDict(extra="forbid")

    name: Name
    email: Email


def _null_not_allowed(schema: dict[str, Any]) -> None:
    """Drop `null` from each field's schema: None stands for "absent" here.

    The validators refuse a null, so a document that offered one would send
    clients (and tests generated from it) requests that always fail.
    """
    for field in schema.get("properties", {}).values():
        branches = [b for b in field.pop("anyOf", []) if b != {"type": "null"}]
        if len(branches) == 1:
            field.update(branches[0])
        elif branches:
            field["anyOf"] = branches


class UserPatch(BaseModel):
    """The body of PATCH, a JSON merge patch: absent fields stay as they are."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=_null_not_allowed)

    name: Name | None = None
    email: Email | None = None

    @field_validator("name", "email")
    @classmethod
    def _not_null(cls, value: str | None) -> str:
        # In a merge patch, null means "remove this member". Both fields are
        # required on a user, so removing one is an error, not a silent no-op.
        if value is None:
            raise ValueError("may be left out, but cannot be null")
        return value


class UserOut(BaseModel):
    """A user as the API returns it."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    email: str


# --8<-- [end:models]


class UserPage(BaseModel):
    """One page of users and the link to the next page (null on the last)."""

    items: list[UserOut]
    next: str | None


# Path and query values arrive as text, and pydantic's lax int() reads "01",
# "+1", " 1", "1_0" and "1.0" too: without this, /users/1_0 would be user 10.
DECIMAL_DIGITS = re.compile(r"0|[1-9][0-9]*")


def one_spelling(value: object) -> object:
    """Accept a number written one way only: decimal digits, no sign, spaces or leading zeros."""
    if isinstance(value, str) and not DECIMAL_DIGITS.fullmatch(value):
        raise ValueError(
            "must be an integer in decimal digits, with no sign, spaces or leading zeros"
        )
    return value


UserId = Annotated[
    int, Path(ge=1, le=MAX_SQLITE_INTEGER), BeforeValidator(one_spelling)
]
# The document shows a cursor's shape; only decode() can tell one we signed.
Cursor = Annotated[
    str | None,
    Query(
        description="from a `next` link",
        json_schema_extra={
            "pattern": f"^{CURSOR_SHAPE.pattern}$",
            "maxLength": MAX_CURSOR_LENGTH,
        },
    ),
]


# --8<-- [start:media_type]
def accepts(media_type: str) -> Any:
    """A route dependency: 415 unless the request body is sent as `media_type`."""

    async def check(request: Request) -> None:
        if not await request.body():
            return  # no body at all: validation reports it as missing (422)
        sent = request.headers.get("content-type", "").partition(";")[0]
        if sent.strip().lower() != media_type:
            # RFC 9110 lets a 415 name what would work in Accept; RFC 5789
            # asks for Accept-Patch on a PATCH.
            name = "Accept-Patch" if request.method == "PATCH" else "Accept"
            detail = f"Send the body as {media_type}."
            raise HTTPException(415, detail, headers={name: media_type})

    return Depends(check)


# --8<-- [end:media_type]


def user_not_found(user_id: int) -> ProblemError:
    """The 404 problem for an id with no user behind it."""
    return ProblemError(
        404, "user-not-found", "User not found", f"There is no user with id {user_id}."
    )


# --8<-- [start:email_taken]
def email_taken() -> ProblemError:
    """The 409 problem for an email that belongs to another user.

    The body does not repeat the address: error bodies end up in logs and
    support tickets, and the status alone already says the email is in use.
    """
    return ProblemError(
        409,
        "email-taken",
        "Email already in use",
        "Another user already has this email address.",
    )


# --8<-- [end:email_taken]

F = TypeVar("F", bound=Callable[..., Any])
NOT_FOUND = {404: "No user has this id"}
TAKEN = {409: "Another user already has this email address"}


# --8<-- [start:get_and_head]
def get_and_head(app: FastAPI, path: str, **route: Any) -> Callable[[F], F]:
    """Route GET and HEAD to one function, as two operations.

    RFC 9110 (section 9.1) requires HEAD wherever GET is served, and FastAPI,
    unlike Starlette, adds none. One route with both methods would give both
    operations one operationId, which OpenAPI requires to be unique.
    """

    def register(endpoint: F) -> F:
        app.head(path, **route)(endpoint)
        return app.get(path, **route)(endpoint)

    return register


# --8<-- [end:get_and_head]


def allow_anyone_demo_only() -> None:
    """An `authorize` that lets every request through: demos and tests only."""


def refuse_constant(name: str) -> NoReturn:
    """Python's json reads NaN, Infinity and -Infinity, which RFC 8259 leaves out of JSON."""
    raise json.JSONDecodeError(f"{name} is not a JSON value", name, 0)


class StrictJsonRequest(Request):
    """A request whose body parses as RFC 8259 JSON: NaN is malformed JSON (400), not a 422."""

    async def json(self) -> Any:
        if not hasattr(self, "_json"):
            self._json = json.loads(await self.body(), parse_constant=refuse_constant)
        return self._json


class StrictJsonRoute(APIRoute):
    """Every route hands its handler a StrictJsonRequest (FastAPI's custom route class)."""

    def get_route_handler(self) -> Callable[[Request], Awaitable[Response]]:
        handler = super().get_route_handler()

        async def strict(request: Request) -> Response:
            return await handler(StrictJsonRequest(request.scope, request.receive))

        return strict


def create_app(
    connection: sqlite3.Connection,
    *,
    authorize: Callable[..., Any],
    cursor_key: bytes | None = None,
) -> FastAPI:
    """A users API over `connection`; each test passes a fresh database.

    `authorize` is a dependency that runs before every route and raises to
    refuse. It has no default, so an app open to anyone is chosen on purpose.
    `cursor_key` signs the pagination cursors. Without one, the key comes from
    the HANDBOOK_USERS_CURSOR_KEY environment variable, and its absence stops
    the app at startup rather than at the first paged request.
    """
    store = UsersStore(connection)
    cursors = (
        CursorCodec.from_environment()
        if cursor_key is None
        else CursorCodec(cursor_key)
    )
    app = FastAPI(title="Users API", dependencies=[Depends(authorize)])
    app.router.route_class = StrictJsonRoute  # before any route is added
    install_problem_handlers(app)

    # --8<-- [start:create_user]
    @app.post(
        "/users",
        status_code=201,
        response_model=UserOut,
        dependencies=[accepts(JSON)],
        responses=problem_responses({**TAKEN, 415: f"The body is not {JSON}"}),
    )
    def create_user(user: UserIn, request: Request, response: Response) -> User:
        """Create a user; the Location header says where it now lives."""
        try:
            created = store.add(user.name, user.email)
        except EmailTakenError:
            raise email_taken() from None
        location = request.url_for("get_user", user_id=created.id)
        response.headers["Location"] = str(location)
        return created

    # --8<-- [end:create_user]

    # --8<-- [start:get_user]
    @get_and_head(
        app,
        "/users/{user_id}",
        response_model=UserOut,
        responses=problem_responses(NOT_FOUND),
    )
    def get_user(user_id: UserId) -> User:
        """Read one user."""
        user = store.get(user_id)
        if user is None:
            raise user_not_found(user_id)
        return user

    # --8<-- [end:get_user]

    # --8<-- [start:list_users]
    def start_after(cursor: str | None) -> int:
        """The id a page starts after: 0 for the first page."""
        if cursor is None:
            return 0
        try:
            return cursors.decode(cursor)
        except ValueError as error:
            # The same 400 a bad `limit` gets, naming the parameter.
            where = ("query", "after")
            raise RequestValidationError(
                [{"type": "value_error", "loc": where, "msg": str(error)}]
            ) from None

    @get_and_head(app, "/users", response_model=UserPage)
    def list_users(
        request: Request,
        limit: Annotated[
            int, Query(ge=1, le=MAX_LIMIT), BeforeValidator(one_spelling)
        ] = DEFAULT_LIMIT,
        after: Cursor = None,  # a string, documented with the shape cursors have
    ) -> UserPage:
        """Users in id order, `limit` at a time, starting after the cursor."""
        # Ask for one extra row: if it exists there is a next page, and we
        # learn that without a COUNT(*) over the table.
        rows = store.list_after(start_after(after), limit + 1)
        page = rows[:limit]
        next_link = None
        if len(rows) > limit:
            next_url = request.url_for("list_users").include_query_params(
                limit=limit, after=cursors.encode(page[-1].id)
            )
            next_link = str(next_url)
        items = [UserOut.model_validate(user) for user in page]
        return UserPage(items=items, next=next_link)

    # --8<-- [end:list_users]

    # --8<-- [start:put_patch]
    def save(user_id: int, name: str | None, email: str | None) -> User:
        try:
            user = store.update(user_id, name=name, email=email)
        except EmailTakenError:
            raise email_taken() from None
        if user is None:
            raise user_not_found(user_id)
        return user

    @app.put(
        "/users/{user_id}",
        response_model=UserOut,
        dependencies=[accepts(JSON)],
        responses=problem_responses(
            {**NOT_FOUND, **TAKEN, 415: f"The body is not {JSON}"}
        ),
    )
    def replace_user(user_id: UserId, user: UserIn) -> User:
        """Replace the whole user. Ids are assigned by the server, so PUT to an
        unknown id is a 404 rather than a create."""
        return save(user_id, user.name, user.email)

    @app.patch(
        "/users/{user_id}",
        response_model=UserOut,
        dependencies=[accepts(MERGE_PATCH)],
        responses=problem_responses(
            {**NOT_FOUND, **TAKEN, 415: f"The body is not {MERGE_PATCH}"}
        ),
    )
    def patch_user(
        user_id: UserId, patch: Annotated[UserPatch, Body(media_type=MERGE_PATCH)]
    ) -> User:
        """Change only the fields present in the body; `{}` changes nothing."""
        return save(user_id, patch.name, patch.email)

    # --8<-- [end:put_patch]

    # --8<-- [start:delete_user]
    @app.delete(
        "/users/{user_id}", status_code=204, responses=problem_responses(NOT_FOUND)
    )
    def delete_user(user_id: UserId) -> Response:
        """Delete; a repeat DELETE gets 404, yet the state is the same: gone."""
        if not store.delete(user_id):
            raise user_not_found(user_id)
        return Response(status_code=204)

    # --8<-- [end:delete_user]

    return app
