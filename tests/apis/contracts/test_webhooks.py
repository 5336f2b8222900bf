"""Signed webhooks: rotation, and the attacks a receiver must refuse."""

from __future__ import annotations

import base64
import tracemalloc

import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st

from examples.apis.contracts.webhooks import (
    MAX_BODY_BYTES,
    MAX_SEEN,
    ReplayCacheFull,
    WebhookVerifier,
    create_app,
    sign,
)
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


def receiver_app(receiver: WebhookVerifier, queue: list[bytes] | None = None):
    return create_app(receiver, enqueue=(queue if queue is not None else []).append)


def header(body: bytes, rings: list[KeyRing], stamp: int = NOW) -> str:
    return sign(body, rings, stamp)["Webhook-Signature"]


def test_valid_delivery_is_accepted() -> None:
    assert verifier().verify(BODY, header(BODY, [OLD])) is True


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


def test_replay_inside_the_window_is_seen_even_with_one_signature() -> None:
    receiver = verifier(NEW)
    both = header(BODY, [NEW, OLD])
    assert receiver.verify(BODY, both) is True
    assert receiver.verify(BODY, both) is False
    assert receiver.verify(BODY, both.split(", ")[0]) is False  # the k2 part alone


def test_replay_cache_forgets_entries_outside_the_window() -> None:
    clock = Clock(NOW)
    receiver = WebhookVerifier(OLD, clock)
    receiver.verify(BODY, header(BODY, [OLD]))
    clock.now = NOW + 301
    receiver.verify(BODY, header(BODY, [OLD], NOW + 301))  # a fresh delivery
    assert len(receiver.seen) == 1  # the old entry was dropped


def test_same_body_with_a_new_timestamp_is_a_new_delivery() -> None:
    receiver = verifier()
    assert receiver.verify(BODY, header(BODY, [OLD], NOW - 10))
    assert receiver.verify(BODY, header(BODY, [OLD], NOW))  # dedupe on the event id


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "k1",
        "k1..",
        "k1.abc.def",
        "k1.é.00",
        "k1.1.é",
        ", ".join(["x.1.2"] * 5),
        pytest.param("k1." + "9" * 4301 + ".00", id="k1.4301-digits.00"),
    ],
)
def test_malformed_headers_are_refused(bad: str) -> None:
    with pytest.raises(BadSignature):
        verifier().verify(BODY, bad)


def test_http_receiver_queues_once_and_answers_a_replay_204() -> None:
    # A replay once got 400, which a sender counts as a failed delivery and
    # retries, and which eventually disables the endpoint.
    queue: list[bytes] = []
    signed = sign(BODY, [OLD], NOW)
    with TestClient(receiver_app(verifier(), queue)) as client:
        first = client.post("/webhooks/orders", content=BODY, headers=signed)
        replay = client.post("/webhooks/orders", content=BODY, headers=signed)
    assert first.status_code == replay.status_code == 204
    assert queue == [BODY]  # acted on once


def test_http_receiver_gives_one_400_problem_for_every_bad_signature() -> None:
    with TestClient(receiver_app(verifier())) as client:
        missing = client.post("/webhooks/orders", content=BODY)
        non_ascii = client.post(
            "/webhooks/orders",
            content=BODY,
            headers={"Webhook-Signature": "k1.é".encode()},
        )
        stale = client.post(
            "/webhooks/orders", content=BODY, headers=sign(BODY, [OLD], NOW - 301)
        )
    for refused in (missing, non_ascii, stale):
        assert refused.status_code == 400  # 401 would need WWW-Authenticate
        assert refused.headers["content-type"] == PROBLEM_JSON
    assert missing.json() == stale.json()  # one answer: no hint for a forger


def test_unknown_routes_and_methods_are_problem_details() -> None:
    with TestClient(receiver_app(verifier())) as client:
        wrong_method = client.get("/webhooks/orders")
        wrong_path = client.post("/webhooks/other", content=BODY)
    assert wrong_method.status_code == 405 and wrong_path.status_code == 404
    for response in (wrong_method, wrong_path):
        assert response.headers["content-type"] == PROBLEM_JSON


def test_five_valid_signatures_are_refused_by_the_cap() -> None:
    one = header(BODY, [OLD])
    with pytest.raises(BadSignature):
        verifier().verify(BODY, ", ".join([one] * 5))


def test_non_ascii_after_a_valid_signature_is_refused() -> None:
    with pytest.raises(BadSignature):
        verifier().verify(BODY, header(BODY, [OLD]) + ", \u00e9")


def test_replay_exactly_at_the_edge_of_the_window_is_still_seen() -> None:
    clock = Clock(NOW)
    receiver = WebhookVerifier(OLD, clock)
    signed = header(BODY, [OLD])
    receiver.verify(BODY, signed)
    clock.now = NOW + 300  # the timestamp check still accepts it here
    assert receiver.verify(BODY, signed) is False
    clock.now = NOW + 301  # and here the timestamp check refuses it
    with pytest.raises(BadSignature):
        receiver.verify(BODY, signed)


def test_a_full_replay_cache_refuses_instead_of_growing() -> None:
    clock = Clock(NOW)
    receiver = WebhookVerifier(OLD, clock, max_seen=3)
    for i in range(3):
        receiver.verify(BODY, header(BODY, [OLD], NOW - i))
    assert receiver.verify(BODY, header(BODY, [OLD], NOW)) is False  # seen: no 503
    with pytest.raises(ReplayCacheFull) as full:
        receiver.verify(BODY, header(BODY, [OLD], NOW - 3))
    assert full.value.retry_after == 299  # NOW - 2, the oldest, leaves at NOW + 299
    clock.now = NOW + 298
    with pytest.raises(ReplayCacheFull) as full:
        receiver.verify(BODY, header(BODY, [OLD], NOW + 298))
    assert full.value.retry_after == 1
    clock.now = NOW + 301  # all three leave the window, so there is room again
    receiver.verify(BODY, header(BODY, [OLD], NOW + 301))
    assert len(receiver.seen) == 1 and len(receiver.expiry) == 1


def test_entries_expire_by_timestamp_not_by_arrival_order() -> None:
    clock = Clock(NOW)
    receiver = WebhookVerifier(OLD, clock)
    late, early = header(BODY, [OLD], NOW + 200), header(BODY, [OLD], NOW - 200)
    receiver.verify(BODY, late)  # arrives first, expires last
    receiver.verify(BODY, early)
    clock.now = NOW + 150  # early is 350 s old, late only -50 s
    receiver.verify(b"other", header(b"other", [OLD], NOW + 150))
    assert receiver.verify(BODY, late) is False  # still remembered
    assert len(receiver.seen) == 2


def test_http_receiver_full_cache_is_503_with_the_exact_retry_after() -> None:
    app = receiver_app(WebhookVerifier(OLD, Clock(NOW), max_seen=1))
    with TestClient(app) as client:
        client.post(
            "/webhooks/orders", content=BODY, headers=sign(BODY, [OLD], NOW - 100)
        )
        busy = client.post(
            "/webhooks/orders", content=BODY, headers=sign(BODY, [OLD], NOW - 1)
        )
    # The entry stamped NOW - 100 leaves the window at NOW + 201.
    assert busy.status_code == 503 and busy.headers["retry-after"] == "201"
    assert busy.headers["content-type"] == PROBLEM_JSON


def test_a_full_replay_cache_stays_under_24_mb() -> None:
    # The MAX_SEEN comment says about 20 MB (20.3 measured); this measures the structures.
    receiver = verifier()
    bodies = [b'{"id":"evt_%d"}' % i for i in range(MAX_SEEN)]
    tracemalloc.start()
    try:
        for i, body in enumerate(bodies):  # what verify calls once the MAC holds
            assert receiver._first_time(NOW - i % 300, body, NOW)
        used, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(receiver.seen) == MAX_SEEN
    assert used < 24_000_000


def test_http_receiver_long_timestamp_is_400_not_500() -> None:
    app = receiver_app(verifier())
    stamped = {"Webhook-Signature": "k1." + "9" * 4301 + ".00"}
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.post("/webhooks/orders", content=BODY, headers=stamped)
    assert response.status_code == 400


def test_http_receiver_refuses_a_body_over_the_cap_with_413() -> None:
    at_cap, over = b"x" * MAX_BODY_BYTES, b"x" * (MAX_BODY_BYTES + 1)
    with TestClient(receiver_app(verifier())) as client:
        fits = client.post(
            "/webhooks/orders", content=at_cap, headers=sign(at_cap, [OLD], NOW)
        )
        big = client.post(
            "/webhooks/orders", content=over, headers=sign(over, [OLD], NOW)
        )
    assert fits.status_code == 204
    assert big.status_code == 413 and big.headers["content-type"] == PROBLEM_JSON


@given(body=st.binary(max_size=200), flip=st.integers(min_value=0, max_value=199))
def test_any_single_byte_change_is_refused(body: bytes, flip: int) -> None:
    signed = header(body, [OLD])
    tampered = body + b"x" if not body else _flip(body, flip % len(body))
    with pytest.raises(BadSignature):
        verifier().verify(tampered, signed)


def _flip(body: bytes, index: int) -> bytes:
    return body[:index] + bytes([body[index] ^ 1]) + body[index + 1 :]
