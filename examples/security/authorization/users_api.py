"""The users API of the REST page, with authentication and authorization.

    POST   /users        admin                     201
    GET    /users        admin, support            200, a page of accounts
    GET    /users/{id}   admin, support; a member: only itself
    PUT    /users/{id}   admin; support or member: only itself
    PATCH  /users/{id}   same as PUT; changing `role` takes admin
    DELETE /users/{id}   admin                     204

Every route is authenticated (an app-wide dependency: 401 without a valid
bearer token) and names the action it performs in one guard dependency, which
asks policy.decide. An object the caller may not read answers 404, exactly as
a missing one does; an object it may read but not change answers 403.
"""

import logging
import secrets
import sqlite3
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Body, Depends, FastAPI, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ConfigDict, field_validator
from starlette.routing import BaseRoute

from examples.apis.rest.cursors import CursorCodec
from examples.apis.rest.problem_details import (
    ProblemError,
    install_problem_handlers,
    problem_doc,
)
from examples.apis.rest.users_app import (
    DEFAULT_LIMIT,
    JSON,
    MAX_LIMIT,
    MERGE_PATCH,
    Cursor,
    UserId,
    UserIn,
    UserPatch,
    accepts,
    email_taken,
    get_and_head,
    user_not_found,
)
from examples.apis.rest.users_store import EmailTakenError
from examples.security.authorization.accounts import Account, AccountsStore
from examples.security.authorization.policy import (
    POLICY,
    Action,
    Decision,
    Policy,
    Principal,
    Role,
    check_policy,
    decide,
)

audit = logging.getLogger("users.audit")
audit.addHandler(logging.NullHandler())  # the deployment decides where it goes
REALM = 'Bearer realm="users"'


class NewUser(UserIn):
    """POST body: a whole user, and the role it starts with."""

    role: Role = Role.MEMBER


class Replacement(UserIn):
    """PUT body: a whole user; `role` is optional and takes admin to send."""

    role: Role | None = None


class Patch(UserPatch):
    """PATCH body (merge patch); `role`, if present, takes admin."""

    role: Role | None = None  # UserPatch's schema leaves out null here too

    @field_validator("role")
    @classmethod
    def _role_not_null(cls, value: Role | None) -> Role:
        if value is None:
            raise ValueError("may be left out, but cannot be null")
        return value


class AccountOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    email: str
    role: Role


class AccountPage(BaseModel):
    items: list[AccountOut]
    next: str | None


# --8<-- [start:errors]
def unauthenticated(token_sent: bool) -> ProblemError:
    """401: we do not know who you are. WWW-Authenticate says how to tell us.

    RFC 6750 (section 3.1) adds error="invalid_token" when a token was sent
    but is unknown, and no error code when none was sent at all.
    """
    challenge = REALM + (', error="invalid_token"' if token_sent else "")
    return ProblemError(
        401,
        "unauthenticated",
        "Authentication required",
        "Send a valid token as Authorization: Bearer <token>.",
        headers={"WWW-Authenticate": challenge},
    )


def forbidden(action: Action) -> ProblemError:
    """403: we know who you are, and the answer is no.

    RFC 6750 (section 3.1) names this case error="insufficient_scope": the
    token is valid, but does not carry enough rights for the request.
    """
    return ProblemError(
        403,
        "forbidden",
        "Forbidden",
        f"Your role does not allow {action.value} here.",
        headers={"WWW-Authenticate": REALM + ', error="insufficient_scope"'},
    )


# --8<-- [end:errors]


@dataclass(frozen=True)
class Target:
    """What an object route's guard hands the route: caller and account."""

    who: Principal
    account: Account


ANYONE = {
    401: "No valid bearer token was sent",
    403: "The role does not allow it",
    500: "The server failed; the error is logged, not sent",
}
HIDDEN = {404: "No user has this id, or the caller may not see it"}


def documented(described: dict[int, str]) -> dict[int | str, Any]:
    """`responses=` for a route: each status answers with a problem document."""
    responses: dict[int | str, Any] = {
        status: problem_doc(text) for status, text in described.items()
    }
    for status in (401, 403):
        responses[status]["headers"] = {
            "WWW-Authenticate": {
                "description": "The challenge: " + REALM + ", maybe an error code",
                "schema": {"type": "string"},
            }
        }
    return responses


def create_app(
    connection: sqlite3.Connection,
    *,
    cursor_key: bytes | None = None,
    policy: Policy = POLICY,
) -> FastAPI:
    """The users API over `connection`, guarded by `policy` (tests pass others)."""
    check_policy(policy)
    store = AccountsStore(connection)
    cursors = CursorCodec(cursor_key or secrets.token_bytes(32))
    bearer = HTTPBearer(auto_error=False, description="An API token")

    # --8<-- [start:authenticate]
    def authenticate(
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    ) -> Principal:
        """Who is calling: 401 unless a token we issued is in Authorization."""
        if credentials is None:  # no header, or a scheme other than Bearer
            raise unauthenticated(token_sent=False)
        principal = store.principal_for(credentials.credentials)
        if principal is None:
            raise unauthenticated(token_sent=True)
        return principal

    # --8<-- [end:authenticate]

    # Every route needs a caller: an app-wide dependency, so a new route is
    # authenticated even if its author forgets (FastAPI runs it first).
    app = FastAPI(
        title="Users API with authorization", dependencies=[Depends(authenticate)]
    )
    install_problem_handlers(app)
    Caller = Annotated[Principal, Depends(authenticate)]

    # --8<-- [start:guard]
    def enforce(
        request: Request, who: Principal, action: Action, owner: int | None
    ) -> None:
        """Return if `policy` allows it; otherwise audit, then 404 or 403."""
        decision = decide(policy, who, action, owner)
        if decision is Decision.ALLOW:
            return
        # Denials are what an attacker probing ids produces: keep a trail.
        audit.warning(
            "denied %s user=%d role=%s target=%s -> %s %s",
            action.value,
            who.user_id,
            who.role.value,
            owner,
            decision.value,
            request.url.path,
        )
        if decision is Decision.HIDE:
            raise user_not_found(owner)  # the same 404 as an id nobody has
        raise forbidden(action)

    def guard(action: Action) -> Any:
        """For collection routes: the caller, once `action` is allowed."""

        def check(request: Request, who: Caller) -> Principal:
            enforce(request, who, action, None)
            return who

        check.action = action  # type: ignore[attr-defined]  # see every_route_guarded
        return Depends(check)

    def guard_user(action: Action) -> Any:
        """For /users/{user_id}: load the target, then check it, then hand it on."""

        def check(request: Request, who: Caller, user_id: UserId) -> Target:
            account = store.account(user_id)
            if account is None:  # logged too: a walk over ids hits gaps as well
                audit.warning(
                    "missing %s user=%d role=%s target=%d -> %s",
                    action.value,
                    who.user_id,
                    who.role.value,
                    user_id,
                    request.url.path,
                )
                raise user_not_found(user_id)
            enforce(request, who, action, account.id)
            return Target(who, account)

        check.action = action  # type: ignore[attr-defined]
        return Depends(check)

    # --8<-- [end:guard]

    def save(
        target: Target,
        request: Request,
        name: str | None,
        email: str | None,
        role: Role | None,
    ) -> Account:
        # --8<-- [start:property]
        if role is not None:  # property-level: UPDATE does not cover `role`
            enforce(request, target.who, Action.SET_ROLE, target.account.id)
        # --8<-- [end:property]
        try:  # fields and role in one transaction
            account = store.update_account(target.account.id, name, email, role)
        except EmailTakenError:
            raise email_taken() from None
        if account is None:  # deleted since the guard loaded it
            raise user_not_found(target.account.id)
        return account

    # --8<-- [start:routes]
    @app.post(
        "/users",
        status_code=201,
        response_model=AccountOut,
        dependencies=[accepts(JSON)],
        responses=documented(
            {**ANYONE, 409: "The email is in use", 415: f"The body is not {JSON}"}
        ),
    )
    def create_user(
        user: NewUser,
        request: Request,
        response: Response,
        _: Annotated[Principal, guard(Action.CREATE)],
    ) -> Account:
        """Create a user (admin only)."""
        try:
            created = store.add_with_role(user.name, user.email, user.role)
        except EmailTakenError:
            raise email_taken() from None
        location = request.url_for("get_user", user_id=created.id)
        response.headers["Location"] = str(location)
        return Account(created.id, created.name, created.email, user.role)

    @get_and_head(
        app,
        "/users/{user_id}",
        response_model=AccountOut,
        responses=documented({**ANYONE, **HIDDEN}),
    )
    def get_user(target: Annotated[Target, guard_user(Action.READ)]) -> Account:
        """Read one user: admin and support any, a member only itself."""
        return target.account

    # --8<-- [end:routes]

    def start_after(cursor: str | None) -> int:
        if cursor is None:
            return 0
        try:
            return cursors.decode(cursor)
        except ValueError as error:
            where = ("query", "after")
            raise RequestValidationError(
                [{"type": "value_error", "loc": where, "msg": str(error)}]
            ) from None

    @get_and_head(
        app, "/users", response_model=AccountPage, responses=documented(ANYONE)
    )
    def list_users(
        request: Request,
        _: Annotated[Principal, guard(Action.LIST)],
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
        after: Cursor = None,
    ) -> AccountPage:
        """Every user, a page at a time (admin and support)."""
        rows = store.accounts_after(start_after(after), limit + 1)
        page = rows[:limit]
        next_link = None
        if len(rows) > limit:
            next_link = str(
                request.url_for("list_users").include_query_params(
                    limit=limit, after=cursors.encode(page[-1].id)
                )
            )
        items = [AccountOut.model_validate(account) for account in page]
        return AccountPage(items=items, next=next_link)

    writes = {**ANYONE, **HIDDEN, 409: "The email is in use"}

    @app.put(
        "/users/{user_id}",
        response_model=AccountOut,
        dependencies=[accepts(JSON)],
        responses=documented({**writes, 415: f"The body is not {JSON}"}),
    )
    def replace_user(
        user: Replacement,
        request: Request,
        target: Annotated[Target, guard_user(Action.UPDATE)],
    ) -> Account:
        """Replace name and email (and role, for an admin)."""
        return save(target, request, user.name, user.email, user.role)

    @app.patch(
        "/users/{user_id}",
        response_model=AccountOut,
        dependencies=[accepts(MERGE_PATCH)],
        responses=documented({**writes, 415: f"The body is not {MERGE_PATCH}"}),
    )
    def patch_user(
        patch: Annotated[Patch, Body(media_type=MERGE_PATCH)],
        request: Request,
        target: Annotated[Target, guard_user(Action.UPDATE)],
    ) -> Account:
        """Change the fields present; `role` takes admin."""
        return save(target, request, patch.name, patch.email, patch.role)

    @app.delete(
        "/users/{user_id}",
        status_code=204,
        responses=documented({**ANYONE, **HIDDEN}),
    )
    def delete_user(target: Annotated[Target, guard_user(Action.DELETE)]) -> Response:
        """Delete a user (admin only); its role and tokens go with it."""
        if not store.delete(target.account.id):
            raise user_not_found(target.account.id)
        return Response(status_code=204)

    every_route_guarded(app)
    app.state.store = store  # tests and the demo issue tokens through it
    return app


def guarded_action(route: APIRoute) -> Action | None:
    """The action a route's guard checks, or None if it has no guard."""
    pending = list(route.dependant.dependencies)
    while pending:
        dependency = pending.pop()
        action = getattr(dependency.call, "action", None)
        if action is not None:
            return action
        pending.extend(dependency.dependencies)
    return None


def public_paths(app: FastAPI) -> set[str]:
    """The routes FastAPI adds for its own docs: public here, on purpose."""
    paths = {app.openapi_url, app.docs_url, app.redoc_url}
    if app.docs_url:
        paths.add(app.swagger_ui_oauth2_redirect_url)
    return {path for path in paths if path}


def described(route: BaseRoute) -> str:
    methods = sorted(getattr(route, "methods", None) or ["*"])
    return f"{','.join(methods)} {getattr(route, 'path', route)}"


# --8<-- [start:every_route_guarded]
def every_route_guarded(app: FastAPI) -> None:
    """Refuse to start an app with a route that names no action: deny by default.

    app.add_route() and app.mount() add routes that skip FastAPI's dependencies,
    authentication included, so any route but an APIRoute is refused too.
    """
    for route in app.routes:
        if isinstance(route, APIRoute):
            if guarded_action(route) is None:
                raise RuntimeError(f"{described(route)} has no authorization")
        elif getattr(route, "path", None) not in public_paths(app):
            raise RuntimeError(f"{described(route)} bypasses authentication")


# --8<-- [end:every_route_guarded]
