"""The blob server on a real socket, and the API server's grant and confirm steps."""

from __future__ import annotations

import hashlib
import http.client
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest

from examples.system_design.instagram.blob_server import ObjectStore, create_blob_app, create_stat_app
from examples.system_design.instagram.upload_demo import Clock, main, put
from examples.system_design.instagram.uploads import (
    GRANT_TTL_SECONDS,
    MAX_PHOTO_BYTES,
    Stat,
    UploadRefused,
    UploadService,
    http_stat,
)
from examples.uvicorn_server import serve

SECRET = b"s" * 32
START = 1_700_000_000.0
PHOTO = bytes(range(256)) * 40  # 10,240 bytes
DIGEST = hashlib.sha256(PHOTO).hexdigest()


@dataclass
class Setup:
    port: int
    internal_port: int
    store: ObjectStore
    clock: Clock
    api: UploadService

    def stat(self):
        return http_stat("127.0.0.1", self.internal_port)


@pytest.fixture
def setup() -> Iterator[Setup]:
    clock, store = Clock(START), ObjectStore()
    with (
        serve(create_blob_app(SECRET, store, clock)) as port,
        serve(create_stat_app(store)) as internal_port,
        UploadService(SECRET, "http://b/blobs", clock) as api,
    ):
        yield Setup(port, internal_port, store, clock, api)


@pytest.fixture
def api() -> Iterator[UploadService]:
    with UploadService(SECRET, "http://b/blobs", Clock(START)) as service:
        yield service


def chunked_put(port: int, url: str, pieces: list[bytes]) -> int:
    """PUT with Transfer-Encoding: chunked, so no Content-Length is declared."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        conn.request(
            "PUT",
            f"{parts.path}?{parts.query}",
            body=iter(pieces),
            headers={"Content-Type": "image/jpeg"},
            encode_chunked=True,
        )
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def test_the_demo_runs_to_the_end() -> None:
    main()  # the docs harness checks its printed output


def test_a_good_upload_is_stored_with_its_hash(setup: Setup) -> None:
    grant = setup.api.grant(1, "image/jpeg", len(PHOTO), DIGEST)
    assert put(setup.port, grant.url, PHOTO, "image/jpeg").startswith("201")
    assert setup.stat()(grant.policy.key) == Stat(len(PHOTO), DIGEST)
    assert setup.stat()("originals/1/none") is None


def test_the_public_app_does_not_answer_head(setup: Setup) -> None:
    grant = setup.api.grant(1, "image/jpeg", len(PHOTO), DIGEST)
    put(setup.port, grant.url, PHOTO, "image/jpeg")
    conn = http.client.HTTPConnection("127.0.0.1", setup.port, timeout=5)
    try:
        conn.request("HEAD", f"/blobs/{grant.policy.key}")
        response = conn.getresponse()
        response.read()
    finally:
        conn.close()
    assert response.status == 405  # only the internal app reports size and hash
    assert "x-sha256" not in response.headers and "x-size" not in response.headers


def test_a_chunked_body_past_the_limit_is_cut_off_and_not_stored(setup: Setup) -> None:
    grant = setup.api.grant(1, "image/jpeg", 1_000, DIGEST)
    assert chunked_put(setup.port, grant.url, [b"x" * 600, b"x" * 600]) == 413
    assert len(setup.store) == 0
    assert chunked_put(setup.port, grant.url, [b"x" * 600, b"x" * 400]) == 201


def test_a_tampered_expiry_or_content_type_in_the_url_is_a_bad_signature(setup: Setup) -> None:
    grant = setup.api.grant(1, "image/jpeg", len(PHOTO), DIGEST)
    later = grant.url.replace(f"exp={grant.policy.expires}", f"exp={grant.policy.expires + 60}")
    assert put(setup.port, later, PHOTO, "image/jpeg") == "403 bad signature"
    png = grant.url.replace("ct=image%2Fjpeg", "ct=image%2Fpng")
    assert put(setup.port, png, PHOTO, "image/png") == "403 bad signature"
    assert len(setup.store) == 0


def test_a_url_stops_working_when_the_grant_expires(setup: Setup) -> None:
    grant = setup.api.grant(1, "image/jpeg", len(PHOTO), DIGEST)
    setup.clock.now += GRANT_TTL_SECONDS
    assert put(setup.port, grant.url, PHOTO, "image/jpeg") == "403 expired"


def test_a_second_put_to_the_same_key_never_overwrites(setup: Setup) -> None:
    grant = setup.api.grant(1, "image/jpeg", len(PHOTO), DIGEST)
    put(setup.port, grant.url, PHOTO, "image/jpeg")
    other = bytes(len(PHOTO))
    assert put(setup.port, grant.url, other, "image/jpeg").startswith("409")
    assert setup.store.get(grant.policy.key).body == PHOTO


def test_confirm_creates_one_post_per_upload_and_replays_its_id(setup: Setup) -> None:
    stat = setup.stat()
    first = setup.api.grant(1, "image/jpeg", len(PHOTO), DIGEST)
    second = setup.api.grant(1, "image/jpeg", len(PHOTO), DIGEST)
    assert first.policy.key != second.policy.key  # fresh, unguessable keys
    for grant in (first, second):
        put(setup.port, grant.url, PHOTO, "image/jpeg")
    assert [setup.api.confirm(1, g.policy.key, stat) for g in (first, second, first)] == [1, 2, 1]


def test_confirm_refuses_a_shorter_object_with_a_matching_prefix(setup: Setup) -> None:
    grant = setup.api.grant(1, "image/jpeg", len(PHOTO), DIGEST)
    put(setup.port, grant.url, PHOTO[:-1], "image/jpeg")  # within max, one byte short
    with pytest.raises(UploadRefused, match="differs from the declared"):
        setup.api.confirm(1, grant.policy.key, setup.stat())


def test_concurrent_confirms_make_one_post_per_upload_and_distinct_ids(api: UploadService) -> None:
    a = api.grant(1, "image/jpeg", len(PHOTO), DIGEST).policy.key
    b = api.grant(1, "image/jpeg", len(PHOTO), DIGEST).policy.key
    keys = [a, a, b, a, b]
    # Every confirm is inside its (slow) HEAD at the same time before any goes
    # on: the interleaving that a check-then-insert gets wrong.
    inside = threading.Barrier(len(keys), timeout=10)

    def slow_stat(key: str) -> Stat:
        inside.wait()
        return Stat(len(PHOTO), DIGEST)

    ids: dict[int, tuple[str, int]] = {}

    def confirm(n: int, key: str) -> None:
        ids[n] = (key, api.confirm(1, key, slow_stat))

    threads = [threading.Thread(target=confirm, args=(n, k)) for n, k in enumerate(keys)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert len(ids) == len(keys)
    post_of = {key: {post for k, post in ids.values() if k == key} for key in (a, b)}
    assert all(len(posts) == 1 for posts in post_of.values()), post_of  # one post each
    assert post_of[a] != post_of[b]  # and never the same id for two uploads


def test_confirm_refuses_keys_it_never_granted_and_other_users(api: UploadService) -> None:
    grant = api.grant(1, "image/jpeg", 10, DIGEST)
    never_called = lambda key: pytest.fail("no stat before the grant check")  # noqa: E731
    with pytest.raises(UploadRefused, match="granted to this user"):
        api.confirm(2, grant.policy.key, never_called)
    with pytest.raises(UploadRefused, match="granted to this user"):
        api.confirm(1, "originals/1/guessed", never_called)


@pytest.mark.parametrize(
    ("content_type", "size", "message"),
    [
        ("text/html", 10, "not a photo type"),
        ("image/heic", 10, "not a photo type"),  # the worker has no decoder for it
        ("image/jpeg", 0, "size must be"),
        ("image/jpeg", MAX_PHOTO_BYTES + 1, "size must be"),
    ],
)
def test_grants_are_refused_for_non_photos_and_bad_sizes(
    api: UploadService, content_type: str, size: int, message: str
) -> None:
    with pytest.raises(UploadRefused, match=message):
        api.grant(1, content_type, size, DIGEST)


def test_the_store_refuses_a_second_write_of_a_key() -> None:
    store = ObjectStore()
    assert store.put_new("a/b", "image/jpeg", b"1") is True
    assert store.put_new("a/b", "image/jpeg", b"2") is False
    assert store.get("a/b").body == b"1" and len(store) == 1
