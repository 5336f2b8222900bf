"""The matrix passes on the real policy and catches every single broken cell.

Mutation testing by hand: each test below breaks the authorization in one
place (a widened or removed grant, an ownership check that ignores the owner,
a route with no row) and asserts the matrix reports it.
"""

import pytest
from fastapi import FastAPI
from starlette.responses import PlainTextResponse

from examples.security.authorization import access_matrix, policy, users_api
from examples.security.authorization.access_matrix import (
    CALLERS,
    EXPECTED,
    mismatches,
)
from examples.security.authorization.accounts import connect
from examples.security.authorization.policy import (
    COLLECTION_ACTIONS,
    POLICY,
    Action,
    Role,
    Scope,
)
from examples.security.authorization.users_api import create_app


def test_the_real_policy_matches_the_table() -> None:
    assert mismatches() == []


def test_every_row_has_one_status_per_caller() -> None:
    assert all(len(statuses) == len(CALLERS) for _, statuses in EXPECTED)


def test_allow_everything_is_caught() -> None:
    everything = {role: {action: Scope.ANY for action in Action} for role in Role}
    found = mismatches(everything)
    # Admin's column is unchanged; every refusal of every other caller but
    # anonymous (still 401) now succeeds.
    refusals = sum(
        status in (403, 404)
        for _, statuses in EXPECTED
        for caller, status in zip(CALLERS, statuses, strict=True)
    )
    assert len(found) == refusals > 20


def _mutants():
    """Every policy that differs from POLICY in exactly one cell."""
    for role in Role:
        for action in Action:
            now = POLICY[role].get(action)
            options = [None, Scope.ANY]
            if action not in COLLECTION_ACTIONS:
                options.append(Scope.OWN)
            for scope in options:
                if scope is now:
                    continue
                grants = {a: s for a, s in POLICY[role].items() if a != action}
                if scope is not None:
                    grants[action] = scope
                label = f"{role.value}:{action.value}:{now}->{scope}"
                yield pytest.param({**POLICY, role: grants}, id=label)


def test_there_are_30_one_cell_mutants() -> None:
    # 3 roles x (2 collection actions x 1 other scope + 4 object actions x 2);
    # the authorization page quotes this number.
    assert len(list(_mutants())) == 30


@pytest.mark.parametrize("mutant", list(_mutants()))
def test_changing_any_one_cell_is_caught(mutant) -> None:
    assert mismatches(mutant) != []


def test_ignoring_the_owner_is_caught(monkeypatch) -> None:
    """The classic BOLA bug: "own" checked as "any"."""
    real = policy.permits

    def owner_blind(table, who, action, owner_id):
        scope = table.get(who.role, {}).get(action)
        return scope is not None or real(table, who, action, owner_id)

    monkeypatch.setattr(policy, "permits", owner_blind)
    found = mismatches()
    assert any("as stranger: 200" in line for line in found), found


def test_skipping_the_decision_is_caught(monkeypatch) -> None:
    # users_api imported decide by name, so that is the name to replace.
    monkeypatch.setattr(users_api, "decide", lambda *args: policy.Decision.ALLOW)
    assert len(mismatches()) > 20


def test_a_route_with_no_row_is_reported(monkeypatch) -> None:
    real_create_app = create_app

    def with_extra_route(connection, **options) -> FastAPI:
        app = real_create_app(connection, **options)

        @app.post("/users/{user_id}/suspend")
        def suspend(user_id: int) -> None:  # pragma: no cover - never called
            raise AssertionError

        return app

    monkeypatch.setattr(access_matrix, "create_app", with_extra_route)
    found = mismatches()
    assert found[0] == "POST /users/{user_id}/suspend: no row in EXPECTED"


async def _everyone(request) -> PlainTextResponse:  # pragma: no cover
    return PlainTextResponse("all the users")


def test_routes_outside_fastapis_table_are_reported(monkeypatch) -> None:
    # add_route() and mount() skip FastAPI's dependencies: they need rows too.
    real_create_app = create_app

    def with_side_doors(connection, **options) -> FastAPI:
        app = real_create_app(connection, **options)
        app.add_route("/users-export", _everyone, methods=["GET"])
        app.mount("/admin", FastAPI())
        return app

    monkeypatch.setattr(access_matrix, "create_app", with_side_doors)
    assert access_matrix.uncovered_routes(with_side_doors(connect())) == [
        "GET /users-export",
        "HEAD /users-export",
        "* /admin",
    ]
    found = mismatches()
    assert found[:3] == [
        "GET /users-export: no row in EXPECTED",
        "HEAD /users-export: no row in EXPECTED",
        "* /admin: no row in EXPECTED",
    ]
