"""The users API with authorization, attacked and used, printing real responses.

TestClient calls the app in-process. Tokens are random on every run, so they
are never printed; what is printed is who got what.
"""

import logging
import queue
import secrets
from contextlib import closing
from logging.handlers import QueueHandler, QueueListener

from fastapi.testclient import TestClient

from examples.apis.rest import users_app
from examples.security.authorization.accounts import connect
from examples.security.authorization.policy import Role
from examples.security.authorization.users_api import create_app

MERGE_PATCH = "application/merge-patch+json"


class Trail(logging.Handler):
    """Keeps the audit records so the demo can print them."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


# A request only puts its audit record on a queue; a listener thread writes it,
# so a slow log sink cannot slow the request (or make a refusal take longer).
trail = Trail()
records: queue.SimpleQueue[logging.LogRecord] = queue.SimpleQueue()
logging.getLogger("users.audit").addHandler(QueueHandler(records))
listener = QueueListener(records, trail)
listener.start()


def as_user(token: str | None, **headers: str) -> dict[str, str]:
    if token is not None:
        headers["authorization"] = f"Bearer {token}"
    return headers


with closing(connect()) as connection, TestClient(create_app(connection)) as client:
    store = client.app.state.store
    ada = store.add_with_role("Ada", "ada@example.com", Role.ADMIN)
    sam = store.add_with_role("Sam", "sam@example.com", Role.SUPPORT)
    max_ = store.add_with_role("Max", "max@example.com", Role.MEMBER)
    nia = store.add_with_role("Nia", "nia@example.com", Role.MEMBER)
    admin, support, member = (store.issue_token(u.id) for u in (ada, sam, max_))

    # --8<-- [start:authn]
    anonymous = client.get("/users/3")
    print(anonymous.status_code, anonymous.headers["www-authenticate"])
    #> 401 Bearer realm="users"
    bad_token = client.get("/users/3", headers=as_user("not-a-token-we-issued"))
    print(bad_token.status_code, bad_token.headers["www-authenticate"])
    #> 401 Bearer realm="users", error="invalid_token"

    # Authenticated, but a member may not list everyone: 403, not 401.
    listing = client.get("/users", headers=as_user(member))
    print(listing.status_code, listing.json()["detail"])
    #> 403 Your role does not allow users:list here.
    # --8<-- [end:authn]

    # --8<-- [start:bola]
    # Max (id 3) walks the ids, hoping the API checks the token but not whose
    # record it asks for. Ids 1, 2 and 4 exist; 5 and 6 do not.
    seen = {i: client.get(f"/users/{i}", headers=as_user(member)) for i in range(1, 7)}
    print({i: response.status_code for i, response in seen.items()})
    #> {1: 404, 2: 404, 3: 200, 4: 404, 5: 404, 6: 404}

    def without_id(response):
        return {
            k: v for k, v in response.json().items() if k not in ("detail", "instance")
        }

    # Nia's record (4) answers exactly as the missing id 5 does.
    print(without_id(seen[4]) == without_id(seen[5]), seen[4].json()["detail"])
    #> True There is no user with id 4.
    # --8<-- [end:bola]

    # --8<-- [start:support]
    # Support may read anyone (404 would be a lie: it can see Nia), change nobody.
    print(client.get(f"/users/{nia.id}", headers=as_user(support)).status_code)
    #> 200
    edit = client.patch(
        f"/users/{nia.id}",
        json={"name": "Nia X"},
        headers=as_user(support, **{"content-type": MERGE_PATCH}),
    )
    print(edit.status_code, edit.json()["detail"])
    #> 403 Your role does not allow users:update here.
    # --8<-- [end:support]

    # --8<-- [start:property]
    # Max may edit his own record, but not the role in it (mass assignment).
    promote = client.patch(
        f"/users/{max_.id}",
        json={"name": "Max", "role": "admin"},
        headers=as_user(member, **{"content-type": MERGE_PATCH}),
    )
    print(promote.status_code, promote.json()["detail"])
    #> 403 Your role does not allow users:set-role here.
    print(client.get(f"/users/{max_.id}", headers=as_user(member)).json()["role"])
    #> member
    # --8<-- [end:property]

    # --8<-- [start:function_level]
    # Deleting is admin-only, even for your own record.
    print(client.delete(f"/users/{max_.id}", headers=as_user(member)).status_code)
    #> 403
    print(client.delete(f"/users/{nia.id}", headers=as_user(admin)).status_code)
    #> 204
    # --8<-- [end:function_level]

    # --8<-- [start:audit]
    # Each refusal above left one line; a burst of "hide" is someone guessing.
    listener.stop()  # waits until the listener has written every queued record
    for line in trail.lines[-3:]:
        print(line)
        #> denied users:update user=2 role=support target=4 -> forbid /users/4
        #> denied users:set-role user=3 role=member target=3 -> forbid /users/3
        #> denied users:delete user=3 role=member target=3 -> forbid /users/3
    # --8<-- [end:audit]

# --8<-- [start:unguarded]
# The same walk against the REST page's app, which has no authorization at all.
with closing(connect()) as plain:
    unguarded = users_app.create_app(
        plain,
        authorize=users_app.allow_anyone_demo_only,  # what "no authorization" is
        cursor_key=secrets.token_bytes(32),
    )
    with TestClient(unguarded) as rest:
        for name in ["Ada", "Sam", "Max", "Nia"]:
            rest.post("/users", json={"name": name, "email": f"{name}@example.com"})
        print({i: rest.get(f"/users/{i}").status_code for i in range(1, 7)})
        #> {1: 200, 2: 200, 3: 200, 4: 200, 5: 404, 6: 404}
        print(rest.delete("/users/4").status_code)  # and anyone deletes anyone
        #> 204
# --8<-- [end:unguarded]
