"""The pinned JWT verifier against forged, stale and incomplete tokens."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.security.sessions.access_tokens import (
    REQUIRED,
    TokenIssuer,
    TokenVerifier,
    new_key_pair,
)

AUTH, API = "https://auth.example.com", "https://api.example.com"
PRIVATE, PUBLIC = new_key_pair()
PUBLIC_PEM = PUBLIC.public_bytes(
    serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
)


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def segment(document: dict) -> str:
    return b64url(json.dumps(document).encode())


@pytest.fixture
def issuer() -> TokenIssuer:
    return TokenIssuer(PRIVATE, AUTH, API)


@pytest.fixture
def verifier() -> TokenVerifier:
    return TokenVerifier({"k1": PUBLIC}, AUTH, API)


HEADERS = {"kid": "k1", "typ": "at+jwt"}


def sign(claims: dict, headers: dict = HEADERS) -> str:
    return jwt.encode(claims, PRIVATE, algorithm="RS256", headers=headers)


def claims_of(issuer: TokenIssuer) -> dict:
    return jwt.decode(issuer.issue("user-1"), options={"verify_signature": False})


def test_a_fresh_token_verifies_with_every_claim(issuer, verifier) -> None:
    claims = verifier.verify(issuer.issue("user-9", scope="read"))
    assert set(REQUIRED) <= claims.keys()
    assert (claims["sub"], claims["scope"], claims["exp"] - claims["iat"]) == (
        "user-9",
        "read",
        300,
    )


def test_every_token_has_its_own_jti(issuer, verifier) -> None:
    ids = {verifier.verify(issuer.issue("u"))["jti"] for _ in range(50)}
    assert len(ids) == 50


def test_alg_none_is_refused(issuer, verifier) -> None:
    token = f"{segment({'alg': 'none', 'kid': 'k1', 'typ': 'at+jwt'})}.{segment(claims_of(issuer))}."
    with pytest.raises(jwt.InvalidAlgorithmError):
        verifier.verify(token)


@pytest.mark.parametrize("alg", ["HS256", "HS384", "HS512"])
def test_hmac_signed_with_the_public_key_is_refused(issuer, verifier, alg) -> None:
    digest = {
        "HS256": hashlib.sha256,
        "HS384": hashlib.sha384,
        "HS512": hashlib.sha512,
    }[alg]
    signing_input = (
        f"{segment({'alg': alg, 'kid': 'k1', 'typ': 'at+jwt'})}."
        f"{segment(claims_of(issuer))}"
    )
    mac = hmac.new(PUBLIC_PEM, signing_input.encode(), digest).digest()
    with pytest.raises(jwt.InvalidAlgorithmError):
        verifier.verify(f"{signing_input}.{b64url(mac)}")


def test_pyjwt_also_refuses_a_pem_key_as_an_hmac_secret(issuer) -> None:
    # A second line of defense in PyJWT itself, for a verifier that was
    # (wrongly) configured with HS256 next to the RSA public key.
    signing_input = f"{segment({'alg': 'HS256'})}.{segment(claims_of(issuer))}"
    mac = hmac.new(PUBLIC_PEM, signing_input.encode(), hashlib.sha256).digest()
    with pytest.raises(jwt.InvalidKeyError):
        jwt.decode(
            f"{signing_input}.{b64url(mac)}", PUBLIC_PEM, algorithms=["RS256", "HS256"]
        )


def test_a_token_from_another_key_is_refused(verifier) -> None:
    other_private, _ = new_key_pair()
    with pytest.raises(jwt.InvalidSignatureError):
        verifier.verify(TokenIssuer(other_private, AUTH, API).issue("user-1"))


@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_any_change_to_the_claims_breaks_the_signature(data) -> None:
    token = TokenIssuer(PRIVATE, AUTH, API).issue("user-1")
    header, _, signature = token.split(".")
    claims = jwt.decode(token, options={"verify_signature": False})
    changed = {
        **claims,
        "sub": data.draw(st.text(min_size=1).filter(lambda s: s != "user-1")),
    }
    with pytest.raises(jwt.InvalidSignatureError):
        TokenVerifier({"k1": PUBLIC}, AUTH, API).verify(
            f"{header}.{segment(changed)}.{signature}"
        )


@pytest.mark.parametrize(
    ("offset", "error"),
    [
        (-3600, jwt.ExpiredSignatureError),  # expired an hour ago
        (-331, jwt.ExpiredSignatureError),  # 31 s past exp: beyond the leeway
        (600, jwt.ImmatureSignatureError),  # issued 10 minutes in the future
    ],
)
def test_stale_and_future_tokens_are_refused(verifier, offset, error) -> None:
    now = time.time()
    token = TokenIssuer(PRIVATE, AUTH, API, now=lambda: now + offset).issue("u")
    with pytest.raises(error):
        verifier.verify(token)


@pytest.mark.parametrize("offset", [-310, 20])
def test_skew_within_the_leeway_is_accepted(verifier, offset) -> None:
    now = time.time()
    token = TokenIssuer(PRIVATE, AUTH, API, now=lambda: now + offset).issue("u")
    assert verifier.verify(token)["sub"] == "u"


def test_wrong_issuer_or_audience_is_refused(verifier) -> None:
    with pytest.raises(jwt.InvalidIssuerError):
        verifier.verify(TokenIssuer(PRIVATE, "https://evil.example", API).issue("u"))
    with pytest.raises(jwt.InvalidAudienceError):
        verifier.verify(
            TokenIssuer(PRIVATE, AUTH, "https://billing.example.com").issue("u")
        )


@pytest.mark.parametrize("claim", REQUIRED)
def test_each_required_claim_must_be_present(issuer, verifier, claim) -> None:
    claims = claims_of(issuer)
    del claims[claim]
    with pytest.raises(jwt.MissingRequiredClaimError):
        verifier.verify(sign(claims))


def test_a_denied_jti_is_refused_and_others_are_not(issuer, verifier) -> None:
    first, second = issuer.issue("u"), issuer.issue("u")
    verifier.denied_jtis.add(verifier.verify(first)["jti"])
    with pytest.raises(jwt.InvalidTokenError, match="revoked"):
        verifier.verify(first)
    assert verifier.verify(second)


def test_bumping_the_version_revokes_only_that_users_older_tokens(
    issuer, verifier
) -> None:
    old, other_user = issuer.issue("u", version=0), issuer.issue("v", version=0)
    verifier.token_versions["u"] = 1
    with pytest.raises(jwt.InvalidTokenError, match="logout"):
        verifier.verify(old)
    assert verifier.verify(other_user)
    assert verifier.verify(issuer.issue("u", version=1))


@pytest.mark.parametrize("garbage", ["", "a.b", "a.b.c", "not a token", "...."])
def test_garbage_is_an_invalid_token_not_a_crash(verifier, garbage) -> None:
    with pytest.raises(jwt.InvalidTokenError):
        verifier.verify(garbage)


@pytest.mark.parametrize("typ", [None, "JWT", "id_token+jwt", "AT+JWT "])
def test_a_validly_signed_jwt_of_another_type_is_not_an_access_token(
    issuer, verifier, typ
) -> None:
    # An ID token (or any JWT) signed with the same key and with every claim.
    headers = {"kid": "k1"} if typ is None else {"kid": "k1", "typ": typ}
    with pytest.raises(jwt.InvalidTokenError, match="not an access token"):
        verifier.verify(sign(claims_of(issuer), headers))


@pytest.mark.parametrize(
    "kid", [None, "k2", "../../dev/null", "' OR 1=1 --", "https://evil.example/jwks"]
)
def test_an_unknown_kid_is_refused_without_looking_anywhere(
    issuer, verifier, kid
) -> None:
    headers = {"typ": "at+jwt"} if kid is None else {"typ": "at+jwt", "kid": kid}
    with pytest.raises(jwt.InvalidTokenError, match="unknown key id"):
        verifier.verify(sign(claims_of(issuer), headers))


def test_during_a_key_rotation_both_kids_verify() -> None:
    new_private, new_public = new_key_pair()
    verifier = TokenVerifier({"k1": PUBLIC, "k2": new_public}, AUTH, API)
    old = TokenIssuer(PRIVATE, AUTH, API).issue("u")
    new = TokenIssuer(new_private, AUTH, API, key_id="k2").issue("u")
    assert verifier.verify(old)["sub"] == verifier.verify(new)["sub"] == "u"
    # The kid selects the key: the new key's token under the old kid fails.
    swapped = TokenIssuer(new_private, AUTH, API, key_id="k1").issue("u")
    with pytest.raises(jwt.InvalidSignatureError):
        verifier.verify(swapped)
