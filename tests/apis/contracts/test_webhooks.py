"""Signed webhooks: rotation, and the attacks a receiver must refuse."""

from __future__ import annotations

import base64

import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st

from examples.apis.contracts.webhooks import WebhookVerifier, create_app, sign
from examples.apis.rest.problem_details import PROBLEM_JSON
from examples.security.web.signing_keys import BadSignature, KeyRing

NOW = 1_767_225_600
BODY = b'{"event":"order.paid","id":"evt_1"}'


def ring(kid: str, byte: int) -> KeyRing:
    return KeyRing.parse(f"{kid}:{base64.b64encode(bytes([byte]) * 32).decode()}")


OLD, NEW = ring("k1", 1), ring("k2", 2)


class Clock:
    def __init__(self, now: int) -> None:
        self.now = now

    def __call__(self) -> int:
        return self.now


def verifier(keys: KeyRing = OLD, now: int = NOW) -> WebhookVerifier:
    return WebhookVerifier(keys, Clock(now))


def header(body: bytes, rings: list[KeyRing], stamp: int = NOW) -> str:
    return sign(body, rings, stamp)["Webhook-Signature"]


def test_valid_delivery_is_accepted() -> None:
    verifier().verify(BODY, header(BODY, [OLD]))


@pytest.mark.parametrize("keys", [OLD, NEW])
def test_rotation_two_signatures_satisfy_old_and_new_receivers(keys: KeyRing) -> None:
    verifier(keys).verify(BODY, header(BODY, [NEW, OLD]))


def test_tampered_body_is_refused() -> None:
    with pytest.raises(BadSignature):
        verifier().verify(BODY.replace(b"evt_1", b"evt_2"), header(BODY, [OLD]))


def test_wrong_secret_under_a_known_key_id_is_refused() -> None:
    with pytest.raises(BadSignature):
        verifier().verify(BODY, header(BODY, [ring("k1", 9)]))


def test_unknown_key_only_is_refused() -> None:
    with pytest.raises(BadSignature):
        verifier(OLD).verify(BODY, header(BODY, [NEW]))


@pytest.mark.parametrize("age", [301, -301, 10_000])
def test_timestamp_outside_five_minutes_is_refused(age: int) -> None:
    with pytest.raises(BadSignature):
        verifier().verify(BODY, header(BODY, [OLD], NOW - age))


def test_timestamp_at_the_edge_of_the_window_is_accepted() -> None:
    verifier().verify(BODY, header(BODY, [OLD], NOW - 300))


def test_changing_the_timestamp_breaks_the_mac() -> None:
    kid, _, digest = header(BODY, [OLD], NOW - 3600).split(".")
    with pytest.raises(BadSignature):
        verifier().verify(BODY, f"{kid}.{NOW}.{digest}")


def test_replay_inside_the_window_is_refused_even_with_one_signature() -> None:
    receiver = verifier(NEW)
    both = header(BODY, [NEW, OLD])
    receiver.verify(BODY, both)
    with pytest.raises(BadSignature):
        receiver.verify(BODY, both)
    with pytest.raises(BadSignature):
        receiver.verify(BODY, both.split(", ")[0])  # the k2 part alone


def test_replay_cache_forgets_entries_outside_the_window() -> None:
    clock = Clock(NOW)
    receiver = WebhookVerifier(OLD, clock)
    receiver.verify(BODY, header(BODY, [OLD]))
    clock.now = NOW + 301
    receiver.verify(BODY, header(BODY, [OLD], NOW + 301))  # a fresh delivery
    assert len(receiver.seen) == 1  # the old entry was dropped


def test_same_body_with_a_new_timestamp_is_a_new_delivery() -> None:
    receiver = verifier()
    receiver.verify(BODY, header(BODY, [OLD], NOW - 10))
    receiver.verify(BODY, header(BODY, [OLD], NOW))


@pytest.mark.parametrize(
    "bad",
    ["", "k1", "k1..", "k1.abc.def", "k1.é.00", "k1.1.é", ", ".join(["x.1.2"] * 5)],
)
def test_malformed_headers_are_refused(bad: str) -> None:
    with pytest.raises(BadSignature):
        verifier().verify(BODY, bad)


def test_http_receiver_answers_204_then_401_problem_on_replay() -> None:
    app = create_app(verifier())
    signed = sign(BODY, [OLD], NOW)
    with TestClient(app) as client:
        first = client.post("/webhooks/orders", content=BODY, headers=signed)
        replay = client.post("/webhooks/orders", content=BODY, headers=signed)
        missing = client.post("/webhooks/orders", content=BODY)
        non_ascii = client.post(
            "/webhooks/orders",
            content=BODY,
            headers={"Webhook-Signature": "k1.é".encode()},
        )
    assert first.status_code == 204
    for refused in (replay, missing, non_ascii):
        assert refused.status_code == 401
        assert refused.headers["content-type"] == PROBLEM_JSON
    assert replay.json() == missing.json()  # one answer: no hint for a forger


@given(body=st.binary(max_size=200), flip=st.integers(min_value=0, max_value=199))
def test_any_single_byte_change_is_refused(body: bytes, flip: int) -> None:
    signed = header(body, [OLD])
    tampered = body + b"x" if not body else _flip(body, flip % len(body))
    with pytest.raises(BadSignature):
        verifier().verify(tampered, signed)


def _flip(body: bytes, index: int) -> bytes:
    return body[:index] + bytes([body[index] ^ 1]) + body[index + 1 :]
