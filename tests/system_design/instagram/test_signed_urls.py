"""The signed-URL scheme: every signed field is bound, expiry is enforced, input is checked."""

from __future__ import annotations

import dataclasses
from urllib.parse import parse_qsl, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.system_design.instagram.signed_urls import (
    MAX_TTL_SECONDS,
    SignatureError,
    UploadPolicy,
    presign_put,
    signature,
    string_to_sign,
    verify,
)

SECRET = b"k" * 32
NOW = 1_000_000
POLICY = UploadPolicy("originals/42/abc", "image/jpeg", 5_000, NOW + 600)


def query_of(url: str) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(url).query))


def test_a_presigned_url_verifies_to_its_policy() -> None:
    url = presign_put(SECRET, "http://blobs", POLICY)
    assert urlsplit(url).path == "/originals/42/abc"
    assert verify(SECRET, "PUT", POLICY.key, query_of(url), NOW) == POLICY


@pytest.mark.parametrize(
    "change",
    [
        {"key": "originals/43/abc"},
        {"content_type": "image/png"},
        {"max_bytes": 5_001},
        {"expires": NOW + 601},
    ],
)
def test_changing_any_signed_field_breaks_the_signature(change: dict) -> None:
    query = query_of(presign_put(SECRET, "http://blobs", POLICY))
    forged = dataclasses.replace(POLICY, **change)
    query.update({"ct": forged.content_type, "max": str(forged.max_bytes), "exp": str(forged.expires)})
    with pytest.raises(SignatureError, match="bad signature"):
        verify(SECRET, "PUT", forged.key, query, NOW)


def test_the_method_and_the_secret_are_bound_too() -> None:
    query = query_of(presign_put(SECRET, "http://blobs", POLICY))
    with pytest.raises(SignatureError, match="bad signature"):
        verify(SECRET, "DELETE", POLICY.key, query, NOW)
    with pytest.raises(SignatureError, match="bad signature"):
        verify(b"other" * 8, "PUT", POLICY.key, query, NOW)


def test_expiry_is_exclusive_and_far_expiries_are_refused() -> None:
    query = query_of(presign_put(SECRET, "http://blobs", POLICY))
    verify(SECRET, "PUT", POLICY.key, query, POLICY.expires - 1)
    with pytest.raises(SignatureError, match="expired"):
        verify(SECRET, "PUT", POLICY.key, query, POLICY.expires)
    far = dataclasses.replace(POLICY, expires=NOW + MAX_TTL_SECONDS + 1)
    with pytest.raises(SignatureError, match="too far ahead"):
        verify(SECRET, "PUT", far.key, query_of(presign_put(SECRET, "http://b", far)), NOW)


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"ct": "image/jpeg", "max": "5000", "exp": str(NOW + 600)},  # no signature
        {"ct": "image/jpeg", "max": "five", "exp": str(NOW + 600), "sig": "00"},
        {"ct": "image/jpeg\nx", "max": "5000", "exp": str(NOW + 600), "sig": "00"},
        {"ct": "image/jpeg", "max": "5000", "exp": str(NOW + 600), "sig": "é"},
    ],
)
def test_missing_or_malformed_fields_are_refused_not_crashed_on(query: dict) -> None:
    with pytest.raises(SignatureError):
        verify(SECRET, "PUT", POLICY.key, query, NOW)


@pytest.mark.parametrize(
    "key", ["", "/abs/path", "a/../b", "a/b c", "A/b", "a", "a/b\nc", "a//b", "a/b%2e"]
)
def test_keys_that_could_escape_or_confuse_are_not_signable(key: str) -> None:
    with pytest.raises(ValueError, match="not an object key"):
        UploadPolicy(key, "image/jpeg", 1, NOW)


@pytest.mark.parametrize("max_bytes", [0, -1, 1.5, True])
def test_max_bytes_must_be_a_positive_int(max_bytes: object) -> None:
    with pytest.raises(ValueError, match="max_bytes"):
        UploadPolicy("a/b", "image/jpeg", max_bytes, NOW)  # type: ignore[arg-type]


keys = st.from_regex(r"[a-z0-9]{1,8}(/[a-z0-9][a-z0-9._-]{0,8}){1,3}", fullmatch=True).filter(
    lambda k: ".." not in k
)
policies = st.builds(
    UploadPolicy,
    key=keys,
    content_type=st.sampled_from(["image/jpeg", "image/png", "image/heic"]),
    max_bytes=st.integers(1, 10**9),
    expires=st.integers(0, 2**40),
)


@given(policies, policies)
def test_different_policies_never_share_a_string_to_sign(a: UploadPolicy, b: UploadPolicy) -> None:
    assert (string_to_sign("PUT", a) == string_to_sign("PUT", b)) == (a == b)


@given(policies)
def test_every_signed_url_verifies_before_it_expires(policy: UploadPolicy) -> None:
    query = query_of(presign_put(SECRET, "http://blobs", policy))
    assert query["sig"] == signature(SECRET, "PUT", policy)
    now = policy.expires - 1
    assert verify(SECRET, "PUT", policy.key, query, now) == policy
