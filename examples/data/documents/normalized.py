"""The same orders twice: as jsonb documents and as normalized tables.

Each task runs against both shapes through a counter, so the printed numbers
(statements sent, rows written) are measured, not claimed.
"""

# requires-server: postgres
from __future__ import annotations

from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from examples.data.documents.store import SAMPLE_ORDERS, insert_orders, order_store
from examples.server_settings import postgres_dsn

# --8<-- [start:tables]
NORMALIZED_DDL = """
CREATE TABLE customers (
    id bigint PRIMARY KEY, name text NOT NULL, email text NOT NULL UNIQUE);
CREATE TABLE products (sku text PRIMARY KEY, name text NOT NULL);
CREATE TABLE sales_orders (
    order_no text PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customers,
    status text NOT NULL
        CHECK (status IN ('pending', 'paid', 'shipped', 'cancelled')),
    city text NOT NULL,
    country text NOT NULL);
CREATE TABLE order_lines (
    order_no text NOT NULL REFERENCES sales_orders,
    line int NOT NULL,
    sku text NOT NULL REFERENCES products,
    qty int NOT NULL CHECK (qty >= 1),
    price_cents int NOT NULL CHECK (price_cents >= 0),
    PRIMARY KEY (order_no, line));
"""
# --8<-- [end:tables]


class CountingConnection:
    """Forwards execute() to a psycopg connection and counts the statements sent."""

    def __init__(self, conn: psycopg.Connection) -> None:
        self.conn = conn
        self.statements = 0

    def execute(self, query: str, params: tuple[Any, ...] = ()) -> psycopg.Cursor:
        self.statements += 1
        return self.conn.execute(query, params)


def load_normalized(conn: psycopg.Connection, docs: list[dict[str, Any]]) -> None:
    """Split `docs` into the four tables (the product name is taken from the first copy seen)."""
    with conn.transaction(), conn.cursor() as cur:
        cur.execute(NORMALIZED_DDL)
        customers = {d["customer"]["id"]: d["customer"] for d in docs}
        products = {}
        for d in docs:
            for item in d["items"]:
                products.setdefault(item["sku"], item["name"])
        cur.executemany(
            "INSERT INTO customers VALUES (%s, %s, %s)",
            [(c["id"], c["name"], c["email"]) for c in customers.values()],
        )
        cur.executemany("INSERT INTO products VALUES (%s, %s)", list(products.items()))
        cur.executemany(
            "INSERT INTO sales_orders VALUES (%s, %s, %s, %s, %s)",
            [
                (
                    d["order_no"],
                    d["customer"]["id"],
                    d["status"],
                    d["shipping"]["city"],
                    d["shipping"]["country"],
                )
                for d in docs
            ],
        )
        cur.executemany(
            "INSERT INTO order_lines VALUES (%s, %s, %s, %s, %s)",
            [
                (d["order_no"], n, i["sku"], i["qty"], i["price_cents"])
                for d in docs
                for n, i in enumerate(d["items"], start=1)
            ],
        )


# --8<-- [start:read_one]
def read_order_document(db: CountingConnection, order_no: str) -> dict[str, Any]:
    """One statement, no joins: the document is already the shape the page needs."""
    row = db.execute(
        "SELECT doc FROM orders WHERE doc ->> 'order_no' = %s", (order_no,)
    ).fetchone()
    if row is None:
        raise KeyError(order_no)
    doc = row[0]
    return {
        "customer": doc["customer"]["name"],
        "lines": [(i["sku"], i["name"], i["qty"]) for i in doc["items"]],
    }


def read_order_normalized(db: CountingConnection, order_no: str) -> dict[str, Any]:
    """One statement with three joins, then code to fold the flat rows into a tree."""
    rows = db.execute(
        "SELECT c.name, l.sku, p.name, l.qty"
        " FROM sales_orders o"
        " JOIN customers c ON c.id = o.customer_id"
        " JOIN order_lines l ON l.order_no = o.order_no"
        " JOIN products p ON p.sku = l.sku"
        " WHERE o.order_no = %s ORDER BY l.line",
        (order_no,),
    ).fetchall()
    if not rows:
        raise KeyError(order_no)
    return {
        "customer": rows[0][0],
        "lines": [(sku, name, qty) for _, sku, name, qty in rows],
    }


# --8<-- [end:read_one]


# --8<-- [start:revenue]
def revenue_document(db: CountingConnection) -> list[tuple[str, int]]:
    """Unnest every items array and cast each jsonb number to int before summing.

    Cast the jsonb value (`->`), not its text (`->>`): JSON may spell 2 as 2.0,
    and '2.0'::int is an error.
    """
    return db.execute(
        "SELECT item ->> 'sku',"
        "       sum((item -> 'qty')::int * (item -> 'price_cents')::int)"
        " FROM orders, jsonb_array_elements(doc -> 'items') AS item"
        " WHERE doc ->> 'status' <> 'cancelled'"
        " GROUP BY 1 ORDER BY 1"
    ).fetchall()


def revenue_normalized(db: CountingConnection) -> list[tuple[str, int]]:
    """Typed columns: a plain join and GROUP BY."""
    return db.execute(
        "SELECT l.sku, sum(l.qty * l.price_cents)"
        " FROM order_lines l JOIN sales_orders o ON o.order_no = l.order_no"
        " WHERE o.status <> 'cancelled'"
        " GROUP BY 1 ORDER BY 1"
    ).fetchall()


# --8<-- [end:revenue]


# --8<-- [start:rename]
def rename_product_documents(db: CountingConnection, sku: str, name: str) -> int:
    """Every order that embeds a copy of the name must be rewritten. Returns rows written."""
    cur = db.execute(
        "UPDATE orders SET doc = jsonb_set(doc, '{items}', ("
        "   SELECT jsonb_agg(CASE WHEN item ->> 'sku' = %s"
        "                         THEN jsonb_set(item, '{name}', to_jsonb(%s::text))"
        "                         ELSE item END ORDER BY pos)"
        "   FROM jsonb_array_elements(doc -> 'items') WITH ORDINALITY AS e(item, pos)))"
        " WHERE doc @> %s",
        (sku, name, Jsonb({"items": [{"sku": sku}]})),
    )
    return cur.rowcount


def rename_product_normalized(db: CountingConnection, sku: str, name: str) -> int:
    """The name lives in one row; every order sees the change through the join."""
    cur = db.execute("UPDATE products SET name = %s WHERE sku = %s", (name, sku))
    return cur.rowcount


# --8<-- [end:rename]


if __name__ == "__main__":
    with order_store(postgres_dsn()) as conn:
        insert_orders(conn, SAMPLE_ORDERS)
        load_normalized(conn, SAMPLE_ORDERS)
        docs, tables = CountingConnection(conn), CountingConnection(conn)
        # --8<-- [start:demo]
        one = read_order_document(docs, "A-1001")
        print(one == read_order_normalized(tables, "A-1001"), one)
        """
        True
        {'customer': 'Ada', 'lines': [('KB-01', 'Keyboard', 1), ('MS-02', 'Mouse', 2)]}
        """
        revenue = revenue_document(docs)
        print(revenue == revenue_normalized(tables), revenue)
        #> True [('KB-01', 14997), ('MN-27', 28900), ('MS-02', 3998)]
        print(docs.statements, tables.statements)  # round trips so far, each side
        #> 2 2
        print(rename_product_documents(docs, "KB-01", "Keyboard (US layout)"))
        #> 3
        print(rename_product_normalized(tables, "KB-01", "Keyboard (US layout)"))
        #> 1
        after = read_order_document(docs, "A-1004")
        print(after == read_order_normalized(tables, "A-1004"), after["lines"][0])
        #> True ('KB-01', 'Keyboard (US layout)', 1)
        # --8<-- [end:demo]
