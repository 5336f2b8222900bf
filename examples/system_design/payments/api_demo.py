"""The payments API on a real uvicorn server, driven over HTTP with httpx2.

PostgreSQL holds everything; the processor is the in-process FakeProcessor
(it stands for another company's API). Payment ids are random, so the
output shows statuses and counts, not ids.
"""

# requires-server: postgres

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import httpx2

from examples.scratch_postgres import scratch_schema
from examples.system_design.payments.processor import Fault
from examples.system_design.payments.server import serve
from examples.system_design.payments.wiring import wire

AUTH = {"Authorization": "Bearer sk_test_shop_1"}
BODY = {"amount": 1999, "currency": "USD", "payment_method": "tok_visa"}


def post(client: httpx2.Client, key: str | None, body: dict) -> httpx2.Response:
    headers = AUTH | ({"Idempotency-Key": f'"{key}"'} if key else {})
    return client.post("/payments", json=body, headers=headers)


if __name__ == "__main__":
    with scratch_schema("ex_payapi") as schema:
        wired = wire(schema)
        processor = wired.processor
        with serve(wired.app) as url, httpx2.Client(base_url=url, timeout=10) as client:
            # --8<-- [start:replay]
            first = post(client, "order-1001", BODY)
            print(first.status_code, first.json()["status"], first.json()["amount"])
            #> 201 succeeded 1999
            again = post(client, "order-1001", BODY)  # the client's retry
            print(again.status_code, again.headers["Idempotent-Replayed"])
            #> 201 true
            print("same body:", again.json() == first.json())
            #> same body: True
            print("charges at the processor:", len(processor.charges))
            #> charges at the processor: 1
            # --8<-- [end:replay]

            # --8<-- [start:misuse]
            changed = post(client, "order-1001", BODY | {"amount": 2999})
            print(changed.status_code, changed.json()["title"])
            #> 422 Idempotency key reused
            missing = post(client, None, BODY)
            print(missing.status_code, missing.json()["errors"])
            """
            400
            [
                {
                    'detail': 'POST /payments requires an Idempotency-Key header',
                    'header': 'idempotency-key',
                }
            ]
            """
            card = post(
                client, "order-1002", BODY | {"payment_method": "4242424242424242"}
            )
            print(card.status_code, card.json()["errors"])
            """
            422
            [
                {
                    'detail': "send the processor's token for the card, never its number",
                    'pointer': '#/payment_method',
                }
            ]
            """
            cents = post(client, "order-1003", BODY | {"amount": 19.99})
            print(cents.status_code, cents.json()["errors"][0]["pointer"])
            #> 422 #/amount
            # --8<-- [end:misuse]

            # --8<-- [start:concurrent]
            processor.hold = threading.Event()  # the charge call waits until set
            processor.in_call.clear()
            with ThreadPoolExecutor(6) as pool:
                slow = pool.submit(post, client, "order-2001", BODY)
                processor.in_call.wait(timeout=10)  # the first is at the processor
                others = [
                    pool.submit(post, client, "order-2001", BODY) for _ in range(5)
                ]
                statuses = sorted(f.result().status_code for f in others)
                processor.hold.set()
                print("while in flight:", statuses, "then:", slow.result().status_code)
                #> while in flight: [409, 409, 409, 409, 409] then: 201
            print("charges at the processor:", len(processor.charges))
            #> charges at the processor: 2
            # --8<-- [end:concurrent]

            # --8<-- [start:timeouts]
            calls = processor.create_calls
            processor.script(Fault.LOST_RESPONSE)  # charged, but the reply is lost
            lost = post(client, "order-3001", BODY)
            print(lost.status_code, lost.json()["status"])
            #> 201 succeeded
            print(
                "calls:",
                processor.create_calls - calls,
                "charges:",
                len(processor.charges),
            )
            #> calls: 2 charges: 3
            processor.available = False  # an outage: no answer, not even to queries
            down = post(client, "order-4001", BODY)
            print(down.status_code, down.headers["Retry-After"], down.json()["title"])
            #> 503 5 Payment outcome unknown
            processor.available = True
            retried = post(client, "order-4001", BODY)  # same key, later
            print(retried.status_code, retried.json()["status"])
            #> 201 succeeded
            # --8<-- [end:timeouts]
