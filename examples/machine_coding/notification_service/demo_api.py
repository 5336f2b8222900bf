"""The HTTP API end to end, printing real responses.

TestClient calls the app in-process: no port, no server, same HTTP semantics.
"""

from fastapi.testclient import TestClient

from examples.machine_coding.notification_service.api import create_app
from examples.machine_coding.notification_service.sample_data import (
    START,
    TEMPLATES,
    USERS,
)
from examples.machine_coding.notification_service.wiring import build_system

system = build_system(templates=TEMPLATES, users=USERS, now=START)
client = TestClient(create_app(system.service))
order = {
    "user_id": "bob",
    "template": "order_shipped",
    "channels": ["email", "in_app"],
    "variables": {"name": "Bob", "order_id": "8812"},
}
key = {"Idempotency-Key": "orders:shipped:8812"}

# --8<-- [start:accept]
accepted = client.post("/notifications", json=order, headers=key)
print(accepted.status_code, accepted.headers["location"])
#> 202 http://testserver/notifications/ntf_1
print(accepted.json()["channels"]["email"])
"""
{
    'status': 'queued',
    'attempts': 0,
    'next_attempt_at': '2025-01-15T21:30:00+00:00',
    'last_error': None,
    'sent_at': None,
}
"""

system.dispatcher.run_due(START)  # the worker's turn
status = client.get(accepted.headers["location"]).json()
print({channel: s["status"] for channel, s in status["channels"].items()})
#> {'email': 'sent', 'in_app': 'sent'}
# --8<-- [end:accept]

# --8<-- [start:idempotency]
again = client.post("/notifications", json=order, headers=key)
print(again.status_code, again.json()["id"], again.headers["idempotent-replayed"])
#> 202 ntf_1 true
print("emails sent:", len(system.providers["email"].sent))
#> emails sent: 1

changed = {**order, "variables": {"name": "Bob", "order_id": "9999"}}
conflict = client.post("/notifications", json=changed, headers=key)
print(conflict.status_code, conflict.json()["title"])
#> 422 Idempotency key reused
# --8<-- [end:idempotency]

# --8<-- [start:errors]
missing = client.post("/notifications", json={**order, "variables": {"name": "Bob"}})
print(missing.status_code, missing.headers["content-type"])
#> 422 application/problem+json
print(missing.json())
"""
{
    'type': 'https://api.example.com/problems/validation-error',
    'title': 'Invalid request',
    'status': 422,
    'detail': 'One or more inputs are invalid; see errors.',
    'instance': '/notifications',
    'errors': [
        {
            'detail': "template 'order_shipped' needs variables: order_id",
            'pointer': '#/variables',
        }
    ],
}
"""

fax = client.post("/notifications", json={**order, "channels": ["fax"]})
print(fax.status_code, fax.json()["errors"][0]["pointer"])
#> 422 #/channels/0

broken = client.post(
    "/notifications",
    content=b'{"user_id": ',
    headers={"content-type": "application/json"},
)
print(broken.status_code, broken.json()["title"])
#> 400 Malformed JSON
# --8<-- [end:errors]
