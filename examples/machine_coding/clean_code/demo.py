"""The same requests sent to the tangled app and the clean one.

Each app gets its own fresh in-memory database; TestClient calls the app
in-process, with no port and no server.
"""

from fastapi.testclient import TestClient

from examples.machine_coding.clean_code import controller, tangled
from examples.machine_coding.clean_code.repository import connect

apps = {
    "tangled": TestClient(tangled.create_app(connect())),
    "clean": TestClient(controller.production_app(connect())),
}
books = {"sku": "book", "unit_price_cents": 1500, "quantity": 2}
placed_bodies = {}

# --8<-- [start:same_answers]
for name, client in apps.items():
    placed = client.post("/orders", json={"customer": "ada", "items": [books]})
    body = placed_bodies[name] = placed.json()
    print(name, placed.status_code, body["subtotal_cents"], body["total_cents"])
    #> tangled 201 3000 3499
    #> clean 201 3000 3499

for name, client in apps.items():
    fetched = client.get("/orders/1")
    print(name, fetched.status_code, fetched.json() == placed_bodies[name])
    #> tangled 200 True
    #> clean 200 True

bad = {"customer": "ada", "items": [{**books, "quantity": "2"}]}
for name, client in apps.items():
    refused = client.post("/orders", json=bad)
    print(name, refused.status_code, refused.json()["error"])
    #> tangled 422 bad quantity
    #> clean 422 items.0.quantity: Input should be a valid integer
# --8<-- [end:same_answers]
