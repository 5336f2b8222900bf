"""Deliveries during a key rotation, and six attacks, against one receiver."""

import base64

from fastapi.testclient import TestClient

from examples.apis.contracts.webhooks import WebhookVerifier, create_app, sign
from examples.security.web.signing_keys import KeyRing


def key(byte: int) -> str:  # fixed demo keys; real ones come from new_key()
    return base64.b64encode(bytes([byte]) * 32).decode()


old, new = KeyRing.parse(f"k1:{key(1)}"), KeyRing.parse(f"k2:{key(2)}")
now = 1_767_225_600
receiver = WebhookVerifier(old, clock=lambda: now)  # not rotated yet: k1 only
body = b'{"event":"order.paid","id":"evt_1"}'
queue: list[bytes] = []  # stands in for a real queue that a worker drains

# --8<-- [start:deliveries]
with TestClient(create_app(receiver, enqueue=queue.append)) as client:

    def deliver(label: str, payload: bytes, headers: dict[str, str]) -> None:
        status = client.post("/webhooks/orders", content=payload, headers=headers)
        print(f"{label:<22} {status.status_code} queued={len(queue)}")
        #> k2 + k1 signatures     204 queued=1
        #> same request again     204 queued=1
        #> body tampered          400 queued=1
        #> signed 6 minutes ago   400 queued=1
        #> only the unknown key   400 queued=1
        #> wrong secret for k1    400 queued=1
        #> non-ASCII header       400 queued=1

    signed = sign(body, [new, old], now)  # rotating: signed with k2 and k1
    print(signed["Webhook-Signature"][:40] + "...")
    #> k2.1767225600.9e1375bda83e8318f7036e53e3...
    deliver("k2 + k1 signatures", body, signed)
    deliver("same request again", body, signed)
    deliver("body tampered", body.replace(b"evt_1", b"evt_2"), sign(body, [old], now))
    deliver("signed 6 minutes ago", body, sign(body, [old], now - 360))
    deliver("only the unknown key", body, sign(body, [new], now + 1))
    forged = KeyRing.parse(f"k1:{key(9)}")  # the right key id, a guessed secret
    deliver("wrong secret for k1", body, sign(body, [forged], now + 2))
    deliver("non-ASCII header", body, {"Webhook-Signature": "k1.é".encode()})
# --8<-- [end:deliveries]
