"""A walk through the users API, printing the real responses.

TestClient calls the app in-process: no port, no server, same HTTP semantics.
The cursor key is random on every run, as no key belongs in code; a real
deployment gives every replica the same key through HANDBOOK_USERS_CURSOR_KEY.
"""

import base64
import secrets

from fastapi.testclient import TestClient

from examples.apis.rest.users_app import allow_anyone_demo_only, create_app
from examples.apis.rest.users_store import connect

connection = connect(":memory:")
# No access control, on purpose: this demo is about the resource.
app = create_app(
    connection, authorize=allow_anyone_demo_only, cursor_key=secrets.token_bytes(32)
)
client = TestClient(app)
MERGE_PATCH = {"content-type": "application/merge-patch+json"}

# --8<-- [start:create_then_fetch]
created = client.post("/users", json={"name": "Ada", "email": "ada@example.com"})
print(created.status_code, created.headers["location"])
#> 201 http://testserver/users/1
print(created.json())
#> {'id': 1, 'name': 'Ada', 'email': 'ada@example.com'}

fetched = client.get(created.headers["location"])
print(fetched.status_code, fetched.json())
#> 200 {'id': 1, 'name': 'Ada', 'email': 'ada@example.com'}
# --8<-- [end:create_then_fetch]

# --8<-- [start:put_vs_patch]
# PATCH sends only what changes, as a merge patch; the email is kept.
patched = client.patch("/users/1", json={"name": "Ada Lovelace"}, headers=MERGE_PATCH)
print(patched.status_code, patched.json())
#> 200 {'id': 1, 'name': 'Ada Lovelace', 'email': 'ada@example.com'}

# PUT replaces the whole user, so the same partial body is refused...
partial_put = client.put("/users/1", json={"name": "Ada King"})
print(partial_put.status_code, partial_put.json()["errors"])
#> 422 [{'detail': 'Field required', 'pointer': '#/email'}]

# ...and a full body replaces every field.
full_put = client.put("/users/1", json={"name": "Ada King", "email": "ada@king.org"})
print(full_put.status_code, full_put.json())
#> 200 {'id': 1, 'name': 'Ada King', 'email': 'ada@king.org'}
# --8<-- [end:put_vs_patch]

# --8<-- [start:patch_media_type]
# Plain JSON does not say "merge patch", so PATCH refuses it (RFC 5789).
as_json = client.patch("/users/1", json={"name": "Ada"})
print(as_json.status_code, as_json.headers["accept-patch"])
#> 415 application/merge-patch+json
# --8<-- [end:patch_media_type]

# --8<-- [start:conflict]
client.post("/users", json={"name": "Grace", "email": "grace@example.com"})

taken = client.patch("/users/2", json={"email": "ADA@king.org"}, headers=MERGE_PATCH)
print(taken.status_code, taken.headers["content-type"])
#> 409 application/problem+json
print(taken.json())
"""
{
    'type': 'https://api.example.com/problems/email-taken',
    'title': 'Email already in use',
    'status': 409,
    'detail': 'Another user already has this email address.',
    'instance': '/users/2',
}
"""
print(client.get("/users/2").json())  # the failed write changed nothing
#> {'id': 2, 'name': 'Grace', 'email': 'grace@example.com'}
# --8<-- [end:conflict]

# --8<-- [start:errors]
invalid = client.post("/users", json={"name": "", "email": "grace", "id": 7})
print(invalid.status_code, invalid.headers["content-type"])
#> 422 application/problem+json
print(invalid.json())
"""
{
    'type': 'https://api.example.com/problems/validation-error',
    'title': 'Invalid request',
    'status': 422,
    'detail': 'One or more inputs are invalid; see errors.',
    'instance': '/users',
    'errors': [
        {'detail': 'String should have at least 1 character', 'pointer': '#/name'},
        {'detail': 'must look like name@example.com', 'pointer': '#/email'},
        {'detail': 'Extra inputs are not permitted', 'pointer': '#/id'},
    ],
}
"""

malformed = client.post(
    "/users", content=b'{"name": "Ada",', headers={"content-type": "application/json"}
)
print(malformed.status_code, malformed.json()["detail"])
"""
400
The request body is not valid JSON: Expecting property name enclosed in double quotes.
"""

bad_id = client.get("/users/0")
print(bad_id.status_code, bad_id.json()["errors"])
"""
400
[{'detail': 'Input should be greater than or equal to 1', 'parameter': 'user_id'}]
"""

wrong_method = client.delete("/users")
print(wrong_method.status_code, wrong_method.headers["allow"])
#> 405 GET, HEAD, POST
print(wrong_method.json()["detail"])
#> DELETE is not allowed here; use one of: GET, HEAD, POST.
# --8<-- [end:errors]

# --8<-- [start:mixed]
both = client.put("/users/abc", json={"name": "Ada"})
print(both.status_code)
#> 400
print(both.json()["errors"])
"""
[
    {
        'detail': 'must be an integer in decimal digits, with no sign, spaces or leading zeros',
        'parameter': 'user_id',
    },
    {'detail': 'Field required', 'pointer': '#/email'},
]
"""
# --8<-- [end:mixed]

# --8<-- [start:pagination]
for name in ["Edsger", "Barbara", "Ken", "Margaret"]:
    client.post("/users", json={"name": name, "email": f"{name.lower()}@example.com"})

url: str | None = "/users?limit=2"
while url is not None:
    page = client.get(url).json()
    print([user["name"] for user in page["items"]], page["next"] is not None)
    #> ['Ada King', 'Grace'] True
    #> ['Edsger', 'Barbara'] True
    #> ['Ken', 'Margaret'] False
    url = page["next"]

too_big = client.get("/users", params={"limit": 1000})
print(too_big.status_code, too_big.json()["errors"])
#> 400 [{'detail': 'Input should be less than or equal to 100', 'parameter': 'limit'}]
# --8<-- [end:pagination]

# --8<-- [start:forged_cursor]
first_page = client.get("/users", params={"limit": 2}).json()
cursor = first_page["next"].partition("after=")[2]
payload, _, tag = cursor.partition(".")
# Signed, not encrypted: anyone can read what is inside...
print(base64.urlsafe_b64decode(payload + "==").decode())
#> id:2
# ...but a changed id no longer matches the tag.
forged = base64.urlsafe_b64encode(b"id:0").decode().rstrip("=") + "." + tag
rejected = client.get("/users", params={"after": forged})
print(rejected.status_code, rejected.json()["errors"])
#> 400 [{'detail': 'is not a cursor this API issued', 'parameter': 'after'}]
# --8<-- [end:forged_cursor]

# --8<-- [start:delete]
deleted = client.delete("/users/2")
print(deleted.status_code, deleted.content)
#> 204 b''
again = client.delete("/users/2")
print(again.status_code, again.json()["title"])
#> 404 User not found
# --8<-- [end:delete]

client.close()
connection.close()
