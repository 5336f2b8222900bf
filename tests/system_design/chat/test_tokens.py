"""Tokens: the user id comes from a signature the server checks, and expires."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.system_design.chat.tokens import InvalidToken, TokenSigner

SECRET = b"k" * 32


class Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_a_token_names_its_user_until_it_expires() -> None:
    clock = Clock(1_000)
    signer = TokenSigner(SECRET, clock)
    token = signer.issue("alice", ttl_s=60)
    assert signer.verify(token) == "alice"
    clock.now = 1_059.9
    assert signer.verify(token) == "alice"
    clock.now = 1_060
    with pytest.raises(InvalidToken, match="expired"):
        signer.verify(token)


def test_another_key_or_an_edited_user_is_refused() -> None:
    token = TokenSigner(SECRET).issue("alice")
    with pytest.raises(InvalidToken, match="signature"):
        TokenSigner(b"x" * 32).verify(token)
    _, expires_at, signature = token.split(".")
    with pytest.raises(InvalidToken, match="signature"):
        TokenSigner(SECRET).verify(f"admin.{expires_at}.{signature}")
    with pytest.raises(InvalidToken, match="signature"):
        TokenSigner(SECRET).verify(f"alice.{int(expires_at) + 10**6}.{signature}")


@pytest.mark.parametrize("token", ["a.1.\u00e9", "\u00e9.1.abc", "alice.\u0661.x", "a.1.\x00"])
def test_non_ascii_or_odd_tokens_are_refused_not_crashed_on(token: str) -> None:
    # compare_digest raises TypeError on non-ASCII str: that was an HTTP 500.
    with pytest.raises(InvalidToken):
        TokenSigner(SECRET).verify(token)


@given(st.text(max_size=80))
def test_arbitrary_strings_never_verify(text: str) -> None:
    with pytest.raises(InvalidToken):
        TokenSigner(SECRET).verify(text)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: TokenSigner(b"short"), "secret must be at least 32 bytes"),
        (lambda: TokenSigner(SECRET).issue("Alice"), "user id must be"),
        (lambda: TokenSigner(SECRET).issue("a.b"), "user id must be"),
        (lambda: TokenSigner(SECRET).issue("alice", ttl_s=0), "ttl_s must be positive"),
    ],
)
def test_bad_input_raises_a_clear_error(call, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()


def test_the_secret_stays_out_of_repr() -> None:
    assert "kkkk" not in repr(TokenSigner(SECRET))
