"""A conditional GET, then two clients editing one note, with and without If-Match."""

from fastapi.testclient import TestClient

from examples.apis.contracts.etag_app import create_app

# --8<-- [start:revalidate]
with TestClient(create_app()) as client:
    first = client.get("/notes/n1")
    etag = first.headers["etag"]
    print(first.status_code, etag, first.json()["text"])
    #> 200 "n1-1" buy milk
    again = client.get("/notes/n1", headers={"If-None-Match": etag})
    print(again.status_code, f"body={again.content!r}")
    #> 304 body=b''
    print(client.put("/notes/n1", json={"text": "no tag"}).status_code)
    #> 428
# --8<-- [end:revalidate]

# --8<-- [start:lost_update]
for require in (False, True):
    app = create_app(require_if_match=require)
    with TestClient(app) as alice, TestClient(app) as bob:
        tag = alice.get("/notes/n1").headers["etag"]  # both read version 1
        bob_tag = bob.get("/notes/n1").headers["etag"]
        sent = {"If-Match": tag} if require else {}
        alice.put("/notes/n1", json={"text": "buy oat milk"}, headers=sent)
        sent = {"If-Match": bob_tag} if require else {}
        late = bob.put("/notes/n1", json={"text": "buy milk, eggs"}, headers=sent)
        final = alice.get("/notes/n1").json()["text"]
        print(f"If-Match={require!s:<5} bob={late.status_code} final={final!r}")
        #> If-Match=False bob=204 final='buy milk, eggs'
        #> If-Match=True  bob=412 final='buy oat milk'
# --8<-- [end:lost_update]
