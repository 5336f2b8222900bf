"""The order-pricing endpoint as it often starts: one function does everything.

    POST /orders       price and store an order: 201, or 422 on bad input
    GET  /orders/{id}  read it back: 200, or 404

It works, and tests/machine_coding/clean_code/ prove it. The trouble is what
it costs to change: the HTTP parsing, the pricing rules and the SQL share one
body, so a new coupon means editing the function that also writes the table,
and the only way to test a rule is through HTTP and a database. The clean
version (controller.py, service.py, pricing.py, repository.py) keeps this
exact behavior, checked by the same tests.
"""

from __future__ import annotations

import sqlite3

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse


# --8<-- [start:tangled]
def create_app(db: sqlite3.Connection) -> FastAPI:
    app = FastAPI()
    db.execute(
        "CREATE TABLE IF NOT EXISTS orders (id INTEGER PRIMARY KEY, customer TEXT,"
        " sub INTEGER, disc INTEGER, ship INTEGER, total INTEGER)"
    )

    @app.post("/orders")
    async def handle(request: Request) -> JSONResponse:
        try:
            d = await request.json()
        except ValueError:
            return JSONResponse({"error": "body is not JSON"}, 422)
        if not isinstance(d, dict):
            return JSONResponse({"error": "body must be an object"}, 422)
        c = d.get("customer")
        if not isinstance(c, str) or not 1 <= len(c) <= 100:
            return JSONResponse({"error": "bad customer"}, 422)
        items = d.get("items")
        if not isinstance(items, list) or not 1 <= len(items) <= 50:
            return JSONResponse({"error": "bad items"}, 422)
        s = 0
        for i in items:
            if not isinstance(i, dict):
                return JSONResponse({"error": "bad item"}, 422)
            p, q, sku = i.get("unit_price_cents"), i.get("quantity"), i.get("sku")
            if not isinstance(sku, str) or not 1 <= len(sku) <= 40:
                return JSONResponse({"error": "bad sku"}, 422)
            if type(p) is not int or not 1 <= p <= 1_000_000:
                return JSONResponse({"error": "bad price"}, 422)
            if type(q) is not int or not 1 <= q <= 100:
                return JSONResponse({"error": "bad quantity"}, 422)
            s += p * q
        cp = d.get("coupon")
        if cp is None:
            x = 0
        elif cp == "SAVE10":
            x = s // 10
        elif cp == "FLAT500":
            x = min(500, s)
        else:
            return JSONResponse({"error": "unknown coupon"}, 422)
        sh = 499 if s - x < 5000 else 0
        with db:
            cur = db.execute(
                "INSERT INTO orders (customer, sub, disc, ship, total)"
                " VALUES (?, ?, ?, ?, ?)",
                (c, s, x, sh, s - x + sh),
            )
        return JSONResponse(
            {
                "id": cur.lastrowid,
                "customer": c,
                "subtotal_cents": s,
                "discount_cents": x,
                "shipping_cents": sh,
                "total_cents": s - x + sh,
            },
            201,
        )

    # --8<-- [end:tangled]

    @app.get("/orders/{order_id}")
    async def read(order_id: int) -> JSONResponse:
        row = None
        if 0 < order_id < 2**63:  # a larger int overflows sqlite3: 404, not 500
            row = db.execute(
                "SELECT id, customer, sub, disc, ship, total FROM orders WHERE id = ?",
                (order_id,),
            ).fetchone()
        if row is None:
            return JSONResponse({"error": "no such order"}, 404)
        keys = ("id", "customer", "subtotal_cents", "discount_cents")
        keys += ("shipping_cents", "total_cents")
        return JSONResponse(dict(zip(keys, row, strict=True)))

    return app
