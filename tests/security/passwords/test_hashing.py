"""Hashing and upgrading: what verify_password accepts, refuses and rewrites."""

from __future__ import annotations

from argon2 import PasswordHasher, extract_parameters, profiles
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.security.passwords.hashing import CURRENT, HASHER, verify_password

# Cheap parameters keep the suite fast; the real ones are checked once below.
FAST = PasswordHasher(memory_cost=64, time_cost=1, parallelism=1)
FASTER_OLD = PasswordHasher(memory_cost=32, time_cost=1, parallelism=1)


def test_argon2_cffis_own_default_is_that_option_too() -> None:
    # The page says so; a library upgrade that changes it should fail here.
    assert PasswordHasher().time_cost == CURRENT.time_cost == 3
    assert PasswordHasher().memory_cost == CURRENT.memory_cost == 65536
    assert PasswordHasher().parallelism == CURRENT.parallelism == 4


def test_the_hasher_uses_rfc_9106_second_recommended_option() -> None:
    assert CURRENT == profiles.RFC_9106_LOW_MEMORY
    params = extract_parameters(HASHER.hash("pw"))
    assert (params.memory_cost, params.time_cost, params.parallelism) == (65536, 3, 4)
    assert params.salt_len == 16 and params.type.name == "ID"


@settings(max_examples=25, deadline=None)
@given(password=st.text(min_size=1, max_size=64), other=st.text(max_size=64))
def test_only_the_same_password_verifies(password: str, other: str) -> None:
    stored = FAST.hash(password)
    assert verify_password(stored, password, FAST).ok
    assert verify_password(stored, other, FAST).ok is (other == password)


def test_each_hash_gets_its_own_salt() -> None:
    assert FAST.hash("same") != FAST.hash("same")


def test_a_current_hash_is_not_rewritten() -> None:
    assert verify_password(FAST.hash("pw"), "pw", FAST).upgraded_hash is None


def test_an_old_hash_is_upgraded_only_with_the_right_password() -> None:
    stored = FASTER_OLD.hash("pw")
    assert verify_password(stored, "nope", FAST).upgraded_hash is None
    verdict = verify_password(stored, "pw", FAST)
    assert verdict.ok and verdict.upgraded_hash is not None
    assert extract_parameters(verdict.upgraded_hash).memory_cost == 64
    assert verify_password(verdict.upgraded_hash, "pw", FAST).ok


def test_a_corrupt_stored_hash_is_a_failed_login_not_a_crash() -> None:
    for garbage in ["", "not a hash", "$argon2id$v=19$m=64,t=1,p=1$AAAA$"]:
        assert verify_password(garbage, "pw", FAST).ok is False
