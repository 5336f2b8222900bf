"""A walk through the users API, printing the real responses.

TestClient calls the app in-process: no port, no server, same HTTP semantics.
"""

from fastapi.testclient import TestClient

from examples.apis.rest.users_app import create_app
from examples.apis.rest.users_store import connect

connection = connect(":memory:")
client = TestClient(create_app(connection))

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
# PATCH sends only what changes; the email is kept.
patched = client.patch("/users/1", json={"name": "Ada Lovelace"})
print(patched.status_code, patched.json())
#> 200 {'id': 1, 'name': 'Ada Lovelace', 'email': 'ada@example.com'}

# PUT replaces the whole user, so the same partial body is refused...
partial_put = client.put("/users/1", json={"name": "Ada King"})
print(partial_put.status_code, partial_put.json()["errors"])
#> 422 [{'field': 'body.email', 'message': 'Field required'}]

# ...and a full body replaces every field.
full_put = client.put("/users/1", json={"name": "Ada King", "email": "ada@king.org"})
print(full_put.status_code, full_put.json())
#> 200 {'id': 1, 'name': 'Ada King', 'email': 'ada@king.org'}
# --8<-- [end:put_vs_patch]

# --8<-- [start:errors]
client.post("/users", json={"name": "Grace", "email": "grace@example.com"})

taken = client.patch("/users/2", json={"email": "ADA@king.org"})
print(taken.status_code, taken.headers["content-type"])
#> 409 application/problem+json
print(taken.json())
"""
{
    'type': 'https://api.example.com/problems/email-taken',
    'title': 'Email already in use',
    'status': 409,
    'detail': 'Another user already has the email ADA@king.org.',
    'instance': '/users/2',
}
"""
print(client.get("/users/2").json())  # the failed write changed nothing
#> {'id': 2, 'name': 'Grace', 'email': 'grace@example.com'}

invalid = client.post("/users", json={"name": "", "email": "grace", "id": 7})
print(invalid.status_code, invalid.json()["title"])
#> 422 Invalid request
for error in invalid.json()["errors"]:
    print(error)
    #> {'field': 'body.name', 'message': 'String should have at least 1 character'}
    #> {'field': 'body.email', 'message': 'must look like name@example.com'}
    #> {'field': 'body.id', 'message': 'Extra inputs are not permitted'}

malformed = client.post(
    "/users", content=b'{"name": "Ada",', headers={"content-type": "application/json"}
)
print(malformed.status_code, malformed.json()["detail"])
"""
400
The request body is not valid JSON: Expecting property name enclosed in double quotes.
"""

wrong_method = client.delete("/users")
print(wrong_method.status_code, wrong_method.headers["allow"])
#> 405 GET, POST
print(wrong_method.json()["detail"])
#> DELETE is not allowed here; use one of: GET, POST.
# --8<-- [end:errors]

# --8<-- [start:pagination]
for name in ["Edsger", "Barbara", "Ken", "Margaret"]:
    client.post("/users", json={"name": name, "email": f"{name.lower()}@example.com"})

url: str | None = "/users?limit=2"
while url is not None:
    page = client.get(url).json()
    print([user["name"] for user in page["items"]], page["next"])
    #> ['Ada King', 'Grace'] http://testserver/users?limit=2&after=aWQ6Mg
    #> ['Edsger', 'Barbara'] http://testserver/users?limit=2&after=aWQ6NA
    #> ['Ken', 'Margaret'] None
    url = page["next"]

too_big = client.get("/users", params={"limit": 1000})
print(too_big.status_code, too_big.json()["errors"])
"""
422
[{'field': 'query.limit', 'message': 'Input should be less than or equal to 100'}]
"""
# --8<-- [end:pagination]

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
