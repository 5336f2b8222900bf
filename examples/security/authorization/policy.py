"""Who may do what to which user: one table, one decision function.

The table is data, not scattered `if role == ...` checks, so a reviewer can read
every permission in one place and a test can walk every cell of it. Anything
the table does not grant is refused: deny by default.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    SUPPORT = "support"
    MEMBER = "member"


class Action(StrEnum):
    CREATE = "users:create"
    LIST = "users:list"
    READ = "users:read"
    UPDATE = "users:update"
    DELETE = "users:delete"
    SET_ROLE = "users:set-role"  # a property, checked apart from UPDATE


class Scope(StrEnum):
    ANY = "any"  # every user
    OWN = "own"  # only the caller's own user record


# Actions on the collection have no object, so "own" means nothing for them.
COLLECTION_ACTIONS = frozenset({Action.CREATE, Action.LIST})

# --8<-- [start:policy]
Policy = Mapping[Role, Mapping[Action, Scope]]

POLICY: Policy = {
    Role.ADMIN: {action: Scope.ANY for action in Action},
    Role.SUPPORT: {
        Action.LIST: Scope.ANY,
        Action.READ: Scope.ANY,
        Action.UPDATE: Scope.OWN,  # support edits its own profile, nobody else's
    },
    Role.MEMBER: {
        Action.READ: Scope.OWN,
        Action.UPDATE: Scope.OWN,
    },
}
# --8<-- [end:policy]


def check_policy(policy: Policy) -> None:
    """Refuse a table with a cell that cannot mean anything."""
    for role, grants in policy.items():
        for action, scope in grants.items():
            if action in COLLECTION_ACTIONS and scope is Scope.OWN:
                raise ValueError(f"{role.value}: {action.value} has no owner")


check_policy(POLICY)


# --8<-- [start:decide]
@dataclass(frozen=True)
class Principal:
    """The authenticated caller: who it is and the role it holds."""

    user_id: int
    role: Role


class Decision(StrEnum):
    ALLOW = "allow"
    FORBID = "forbid"  # 403: the caller may see the object, not do this to it
    HIDE = "hide"  # 404: the caller may not even know the object exists


def permits(
    policy: Policy, who: Principal, action: Action, owner_id: int | None
) -> bool:
    scope = policy.get(who.role, {}).get(action)  # missing cell: no grant
    if scope is Scope.ANY:
        return True
    return scope is Scope.OWN and owner_id is not None and owner_id == who.user_id


def decide(
    policy: Policy, who: Principal, action: Action, owner_id: int | None = None
) -> Decision:
    """The one place that answers "may `who` do `action` to this user?".

    `owner_id` is the id of the user the request targets (None for the
    collection). A caller who may not even read the target gets HIDE, so a
    refusal looks exactly like "no such user" and guessing ids learns nothing.
    """
    if permits(policy, who, action, owner_id):
        return Decision.ALLOW
    if owner_id is not None and not permits(policy, who, Action.READ, owner_id):
        return Decision.HIDE
    return Decision.FORBID


# --8<-- [end:decide]
