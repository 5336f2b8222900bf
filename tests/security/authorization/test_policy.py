"""The policy table and the one decision function."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.security.authorization.policy import (
    COLLECTION_ACTIONS,
    POLICY,
    Action,
    Decision,
    Principal,
    Role,
    Scope,
    check_policy,
    decide,
)

principals = st.builds(Principal, st.integers(1, 50), st.sampled_from(Role))
owners = st.none() | st.integers(1, 50)


@given(principals, st.sampled_from(Action), owners)
def test_allow_only_what_a_cell_grants(who, action, owner) -> None:
    scope = POLICY[who.role].get(action)
    allowed = decide(POLICY, who, action, owner) is Decision.ALLOW
    expected = scope is Scope.ANY or (scope is Scope.OWN and owner == who.user_id)
    assert allowed == expected


@given(principals, st.sampled_from(Action), owners)
def test_an_empty_policy_denies_everything(who, action, owner) -> None:
    assert decide({}, who, action, owner) is not Decision.ALLOW


@given(st.integers(1, 50), st.integers(1, 50), st.sampled_from(Action))
def test_a_member_never_gets_past_another_users_record(me, other, action) -> None:
    if me == other:
        return
    member = Principal(me, Role.MEMBER)
    # Not even a 403: the record is hidden, as if it did not exist.
    assert decide(POLICY, member, action, other) is Decision.HIDE


@given(st.integers(1, 50), st.sampled_from(Action), owners)
def test_admin_may_do_everything(me, action, owner) -> None:
    assert decide(POLICY, Principal(me, Role.ADMIN), action, owner) is Decision.ALLOW


@given(st.integers(1, 50), st.integers(1, 50))
def test_support_sees_others_so_refusals_are_403(me, other) -> None:
    support = Principal(me, Role.SUPPORT)
    decision = decide(POLICY, support, Action.DELETE, other)
    assert decision is Decision.FORBID


def test_a_role_missing_from_the_table_gets_nothing() -> None:
    no_members = {role: grants for role, grants in POLICY.items() if role != "member"}
    member = Principal(1, Role.MEMBER)
    assert decide(no_members, member, Action.READ, 1) is Decision.HIDE
    assert decide(no_members, member, Action.LIST) is Decision.FORBID


def test_collection_actions_ignore_owner_grants() -> None:
    # Nothing in the collection has "an owner", so "own" can never grant it.
    assert {Action.CREATE, Action.LIST} == COLLECTION_ACTIONS
    for action in COLLECTION_ACTIONS:
        with pytest.raises(ValueError, match="has no owner"):
            check_policy({Role.MEMBER: {action: Scope.OWN}})


def test_the_shipped_policy_is_valid_and_complete_for_admin() -> None:
    check_policy(POLICY)
    assert set(POLICY[Role.ADMIN]) == set(Action)
    assert set(POLICY) == set(Role)
