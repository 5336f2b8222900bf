"""A presigned upload over a real socket, the refusals, then the confirm step."""

from __future__ import annotations

import hashlib
import http.client
import json
import random
from urllib.parse import urlsplit

from examples.system_design.instagram.blob_server import (
    ObjectStore,
    create_blob_app,
    create_stat_app,
)
from examples.system_design.instagram.uploads import (
    HTTP_TIMEOUT_SECONDS,
    Grant,
    UploadRefused,
    UploadService,
    http_stat,
)
from examples.uvicorn_server import serve

SECRET = random.Random(7).randbytes(32)  # demo only: a real one comes from a vault
START = 1_700_000_000.0  # the injected clock starts here, in Unix seconds


class Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def put(port: int, url: str, body: bytes, content_type: str) -> str:
    """PUT `body` to a signed URL; the status and the server's reason."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=HTTP_TIMEOUT_SECONDS)
    try:
        headers = {"Content-Type": content_type}
        conn.request("PUT", f"{parts.path}?{parts.query}", body=body, headers=headers)
        response = conn.getresponse()
        answer = json.loads(response.read())
        return f"{response.status} {answer.get('detail', answer)}"
    finally:
        conn.close()


def main() -> None:
    clock = Clock(START)
    store = ObjectStore()
    photo = random.Random(1).randbytes(50_000)  # the bytes, as a phone would send
    digest = hashlib.sha256(photo).hexdigest()
    with (
        serve(create_blob_app(SECRET, store, clock)) as port,  # public: PUT only
        serve(create_stat_app(store)) as internal_port,  # HEAD, for the API only
        UploadService(SECRET, "http://blobs.example.com/blobs", clock) as api,
    ):
        stat = http_stat("127.0.0.1", internal_port)

        # --8<-- [start:good]
        def new_grant() -> Grant:  # what the phone asks for before it uploads
            return api.grant(42, "image/jpeg", size=len(photo), sha256=digest)

        grant = new_grant()
        print("good upload:", put(port, grant.url, photo, "image/jpeg"))
        #> good upload: 201 {'bytes': 50000}
        first = api.confirm(42, grant.policy.key, stat)
        again = api.confirm(42, grant.policy.key, stat)  # a retry: the same post
        print("post", first, "| confirm again:", again)
        #> post 1 | confirm again: 1
        # --8<-- [end:good]

        # --8<-- [start:refusals]
        url = new_grant().url
        attempts = {
            "tampered key": (url.replace("/42/", "/43/"), photo, "image/jpeg"),
            "raised max": (url.replace("max=50000", "max=90000"), photo, "image/jpeg"),
            "wrong content type": (url, photo, "text/html"),
            "oversize body": (url, photo + b"x", "image/jpeg"),
            "replay, same key": (grant.url, photo, "image/jpeg"),
        }
        for name, (target, body, content_type) in attempts.items():
            print(f"{name}: {put(port, target, body, content_type)}")
            #> tampered key: 403 bad signature
            #> raised max: 403 bad signature
            #> wrong content type: 415 not the signed content type
            #> oversize body: 413 body larger than the signed maximum
            #> replay, same key: 409 object exists; keys are written once
        clock.now += 11 * 60  # past the 10-minute grant
        print("expired:", put(port, url, photo, "image/jpeg"))
        #> expired: 403 expired
        # --8<-- [end:refusals]

        # --8<-- [start:confirm]
        clock.now = START
        lying, never = new_grant(), new_grant()
        print("other bytes:", put(port, lying.url, bytes(len(photo)), "image/jpeg"))
        #> other bytes: 201 {'bytes': 50000}
        tries = [(42, lying.policy.key), (42, never.policy.key), (7, grant.policy.key)]
        for user, key in tries:
            try:
                api.confirm(user, key, stat)
            except UploadRefused as refusal:
                print(f"confirm refused: {refusal}")
                #> confirm refused: object differs from the declared size or hash
                #> confirm refused: no object yet: upload it first
                #> confirm refused: no upload of this key was granted to this user
        print("objects stored:", len(store))
        #> objects stored: 2
        # --8<-- [end:confirm]


if __name__ == "__main__":
    main()
