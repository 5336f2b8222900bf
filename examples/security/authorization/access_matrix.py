"""Call every route as every kind of caller and compare with what should happen.

The routes come from the app's own route table, so a route added without a row
here is reported, not silently left untested. Each call gets a fresh database
with the same four users, so a DELETE in one cell cannot change another.
"""

from contextlib import closing
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from examples.security.authorization.accounts import connect
from examples.security.authorization.policy import (
    POLICY,
    Action,
    Policy,
    Role,
    Scope,
)
from examples.security.authorization.users_api import create_app, public_paths

MERGE = "application/merge-patch+json"

# --8<-- [start:callers]
# Who calls, and whose record the object routes target. "owner" and "stranger"
# are both members; the stranger aims at the owner's record.
CALLERS = ("anonymous", "admin", "support", "support-self", "owner", "stranger")
WHO_AND_WHOSE = {
    "anonymous": (None, "owner"),
    "admin": ("admin", "owner"),
    "support": ("support", "owner"),
    "support-self": ("support", "support"),
    "owner": ("owner", "owner"),
    "stranger": ("stranger", "owner"),
}
# --8<-- [end:callers]


@dataclass(frozen=True)
class Probe:
    """One request shape: a route, plus the body that exercises it."""

    method: str
    path: str  # the route's template, as in app.routes
    body: Any = None
    media_type: str = "application/json"
    note: str = ""


NEW = {"name": "New", "email": "new@example.com"}
WHOLE = {"name": "Renamed", "email": "renamed@example.com"}
USER = "/users/{user_id}"

# --8<-- [start:expected]
#   callers:          anonymous admin support support-self owner stranger
EXPECTED: list[tuple[Probe, tuple[int, ...]]] = [
    (Probe("POST", "/users", NEW), (401, 201, 403, 403, 403, 403)),
    (Probe("GET", "/users"), (401, 200, 200, 200, 403, 403)),
    (Probe("HEAD", "/users"), (401, 200, 200, 200, 403, 403)),
    (Probe("GET", USER), (401, 200, 200, 200, 200, 404)),
    (Probe("HEAD", USER), (401, 200, 200, 200, 200, 404)),
    (Probe("PUT", USER, WHOLE), (401, 200, 403, 200, 200, 404)),
    (Probe("PATCH", USER, {"name": "N"}, MERGE), (401, 200, 403, 200, 200, 404)),
    (Probe("DELETE", USER), (401, 204, 403, 403, 403, 404)),
    # Property level: the same routes, now trying to change `role`.
    (
        Probe("PUT", USER, {**WHOLE, "role": "admin"}, note="+role"),
        (401, 200, 403, 403, 403, 404),
    ),
    (
        Probe("PATCH", USER, {"role": "admin"}, MERGE, "+role"),
        (401, 200, 403, 403, 403, 404),
    ),
]
# --8<-- [end:expected]


def uncovered_routes(app: FastAPI) -> list[str]:
    """Every method and path in the app that no probe calls.

    Not only APIRoutes: a route from app.add_route() or a mounted app (which
    has no methods: "*") is served too, so it needs a row like any other.
    """
    probed = {(probe.method, probe.path) for probe, _ in EXPECTED}
    public = public_paths(app)
    return [
        f"{method} {getattr(route, 'path', route)}"
        for route in app.routes
        if isinstance(route, APIRoute) or getattr(route, "path", None) not in public
        for method in sorted(getattr(route, "methods", None) or ["*"])
        if (method, getattr(route, "path", None)) not in probed
    ]


def _call(policy: Policy, probe: Probe, caller: str) -> int:
    with closing(connect()) as connection:
        app = create_app(connection, policy=policy)
        store = app.state.store
        users = {
            "admin": store.add_with_role("Ada", "ada@example.com", Role.ADMIN),
            "support": store.add_with_role("Sam", "sam@example.com", Role.SUPPORT),
            "owner": store.add_with_role("Olu", "olu@example.com", Role.MEMBER),
            "stranger": store.add_with_role("Eve", "eve@example.com", Role.MEMBER),
        }
        who, whose = WHO_AND_WHOSE[caller]
        headers = {"content-type": probe.media_type}
        if who is not None:
            headers["authorization"] = "Bearer " + store.issue_token(users[who].id)
        path = probe.path.format(user_id=users[whose].id)
        with TestClient(app) as client:
            response = client.request(
                probe.method, path, json=probe.body, headers=headers
            )
        return response.status_code


# --8<-- [start:run]
def mismatches(policy: Policy = POLICY) -> list[str]:
    """Every cell where the app answers other than EXPECTED says."""
    with closing(connect()) as connection:
        routes = uncovered_routes(create_app(connection, policy=policy))
    found = [f"{route}: no row in EXPECTED" for route in routes]
    for probe, statuses in EXPECTED:
        for caller, expected in zip(CALLERS, statuses, strict=True):
            got = _call(policy, probe, caller)
            if got != expected:
                name = f"{probe.method} {probe.path}{probe.note}"
                found.append(f"{name} as {caller}: {got}, expected {expected}")
    return found


# --8<-- [end:run]

if __name__ == "__main__":
    # --8<-- [start:demo]
    cells = len(EXPECTED) * len(CALLERS)
    print(f"{cells} cells, mismatches: {mismatches()}")
    #> 60 cells, mismatches: []

    # Break one cell: support may now update anyone, not only itself.
    loose = {**POLICY, Role.SUPPORT: {**POLICY[Role.SUPPORT], Action.UPDATE: Scope.ANY}}
    for line in mismatches(loose):
        print(line)
        #> PUT /users/{user_id} as support: 200, expected 403
        #> PATCH /users/{user_id} as support: 200, expected 403
    # --8<-- [end:demo]
