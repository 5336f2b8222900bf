"""Signed cursors: they round-trip, and nothing a client can make passes as one."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.apis.rest.cursors import KEY_VARIABLE, MAX_CURSOR_LENGTH, CursorCodec

KEY = secrets.token_bytes(32)
CODEC = CursorCodec(KEY)
NOT_OURS = "is not a cursor this API issued"


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def refused(cursor: str, codec: CursorCodec = CODEC) -> bool:
    with pytest.raises(ValueError, match=NOT_OURS):
        codec.decode(cursor)
    return True


@given(st.integers(min_value=0, max_value=2**63 - 1))
def test_cursor_round_trips(last_id: int) -> None:
    cursor = CODEC.encode(last_id)
    assert CODEC.decode(cursor) == last_id
    assert len(cursor) <= 74 < MAX_CURSOR_LENGTH


def test_the_payload_is_readable_but_signed() -> None:
    payload, dot, tag = CODEC.encode(42).partition(".")
    assert dot == "."
    assert base64.urlsafe_b64decode(payload + "==") == b"id:42"
    assert len(tag) == 43  # 32 bytes of HMAC-SHA256, base64url without padding


def test_a_changed_id_with_the_old_tag_is_refused() -> None:
    _, _, tag = CODEC.encode(42).partition(".")
    assert refused(b64(b"id:0") + "." + tag)
    assert refused(b64(b"id:43") + "." + tag)


def test_a_changed_tag_is_refused() -> None:
    cursor = CODEC.encode(42)
    last = cursor[-1]
    assert refused(cursor[:-1] + ("A" if last != "A" else "B"))


@pytest.mark.parametrize("cut", [1, 10, 44, 45])
def test_a_truncated_cursor_is_refused(cut: int) -> None:
    assert refused(CODEC.encode(42)[:-cut])


def test_a_payload_without_a_tag_is_refused() -> None:
    payload = CODEC.encode(42).partition(".")[0]
    assert refused(payload)
    assert refused(payload + ".")


def test_the_old_unsigned_format_is_refused() -> None:
    assert refused(b64(b"id:2"))


def test_a_cursor_signed_by_another_key_is_refused() -> None:
    foreign = CursorCodec(secrets.token_bytes(32)).encode(42)
    assert refused(foreign)


def test_a_tag_the_same_key_made_for_another_purpose_is_refused() -> None:
    payload = b64(b"id:42")
    bare = hmac.new(KEY, payload.encode(), hashlib.sha256).digest()
    assert refused(f"{payload}.{b64(bare)}")


def test_two_codecs_with_one_key_accept_each_others_cursors() -> None:
    # Replicas behind a load balancer: any of them may get the next request.
    assert CursorCodec(KEY).decode(CursorCodec(KEY).encode(7)) == 7


@pytest.mark.parametrize(
    "cursor",
    ["", ".", "garbage!", "é." + "é" * 43, "\x00", "A" * (MAX_CURSOR_LENGTH + 1)],
)
def test_junk_is_refused_without_another_exception(cursor: str) -> None:
    assert refused(cursor)


@given(st.text(max_size=MAX_CURSOR_LENGTH + 20))
def test_decoding_any_text_yields_an_id_or_value_error(cursor: str) -> None:
    try:
        value = CODEC.decode(cursor)
    except ValueError:
        return
    assert CODEC.encode(value) == cursor  # only a cursor we made gets through


def test_a_short_key_is_refused() -> None:
    with pytest.raises(ValueError, match="32"):
        CursorCodec(b"k" * 31)


def test_the_key_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(KEY_VARIABLE, secrets.token_urlsafe(32))
    assert CursorCodec.from_environment().decode(CursorCodec.from_environment().encode(5)) == 5


def test_without_a_key_in_the_environment_there_is_no_codec(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(KEY_VARIABLE, raising=False)
    with pytest.raises(RuntimeError, match=KEY_VARIABLE):
        CursorCodec.from_environment()


@pytest.mark.parametrize("cursor", ["!!!!." + "A" * 43, "aWQ6Mg." + "A" * 42 + "=", "aWQ6Mg", "a b.c", "ü." + "ü" * 43])
def test_junk_is_refused_before_any_hmac_is_computed(monkeypatch: pytest.MonkeyPatch, cursor: str) -> None:
    """The cheap shape check runs first: only base64url, a dot, a 43-character tag."""
    monkeypatch.setattr(CursorCodec, "_tag", lambda self, payload: pytest.fail("computed an HMAC for junk"))
    assert refused(cursor)
