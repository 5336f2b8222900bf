"""Full-text search on PostgreSQL 15: tsvector, tsquery, a GIN index, ts_rank, weights.

The table keeps its search vector in a stored generated column, so every
INSERT and UPDATE recomputes it in the same transaction as the row: the
index cannot fall behind the data it indexes.
"""

# requires-server: postgres
from __future__ import annotations

import psycopg

from examples import scratch_postgres
from examples.data.documents.gin_index import plan_summary
from examples.server_settings import postgres_dsn

# --8<-- [start:schema]
PRODUCTS_DDL = """
CREATE TABLE products (
    id     bigint PRIMARY KEY,
    title  text NOT NULL,
    body   text NOT NULL,
    -- Title terms get weight A, body terms weight B; ts_rank counts A higher.
    -- 'english' is named explicitly: the one-argument to_tsvector depends on
    -- a setting, so PostgreSQL would refuse it in a generated column.
    search tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', title), 'A')
        || setweight(to_tsvector('english', body), 'B')
    ) STORED
);
"""
CATALOG = [
    (1, "Trail running shoes", "Grippy soles for wet rock and mud."),
    (2, "Road running shoes", "Light and fast on pavement."),
    (3, "Leather dress shoes", "Polished leather for the office."),
    (4, "Running socks", "Pairs well with any running shoes."),
    (5, "Trail guide", "Where to run: trails near the city."),
]
# --8<-- [end:schema]

# --8<-- [start:search]
SEARCH = """
SELECT id, title, round(ts_rank(search, query)::numeric, 3) AS rank
FROM products, websearch_to_tsquery('english', %s) AS query
WHERE search @@ query
ORDER BY rank DESC, id
LIMIT 10
"""
# --8<-- [end:search]


def load(conn: psycopg.Connection, filler: int = 0) -> None:
    """Create the table, insert the catalog and `filler` rows no query here matches."""
    if filler < 0:
        raise ValueError("filler must be non-negative")
    conn.execute(PRODUCTS_DDL)
    with conn.cursor() as cur:
        cur.executemany("INSERT INTO products VALUES (%s, %s, %s)", CATALOG)
    conn.execute(
        """
        INSERT INTO products (id, title, body)
        SELECT 100 + i, 'Spare part ' || i, 'Fits model ' || (i %% 50)
        FROM generate_series(1, %s) AS i
        """,
        (filler,),
    )
    conn.execute("ANALYZE products")


# --8<-- [start:gin]
def add_search_index(conn: psycopg.Connection) -> None:
    conn.execute("CREATE INDEX products_search ON products USING gin (search)")
    conn.execute("ANALYZE products")


# --8<-- [end:gin]


def search(conn: psycopg.Connection, text: str) -> list[tuple[int, str, float]]:
    return [(row[0], row[1], float(row[2])) for row in conn.execute(SEARCH, (text,))]


if __name__ == "__main__":
    with (
        scratch_postgres.scratch_schema("ex_search", postgres_dsn()) as schema,
        scratch_postgres.connect(schema) as conn,
    ):
        load(conn, filler=20_000)
        # --8<-- [start:demo_parse]
        row = conn.execute(
            "SELECT to_tsvector('english', 'Running shoes for the runners')"
        ).fetchone()
        print(row[0])
        #> 'run':1 'runner':5 'shoe':2
        row = conn.execute(
            "SELECT websearch_to_tsquery('english', %s)",
            ('"trail running" shoes -leather',),
        ).fetchone()
        print(row[0])
        #> 'trail' <-> 'run' & 'shoe' & !'leather'
        row = conn.execute(
            "SELECT to_tsvector('english', 'University of the universe: news, new')"
        ).fetchone()
        print(row[0])
        #> 'new':6 'news':5 'univers':1,4
        # --8<-- [end:demo_parse]

        # --8<-- [start:demo_rank]
        print(search(conn, "shoes"))
        """
        [
            (1, 'Trail running shoes', 0.608),
            (2, 'Road running shoes', 0.608),
            (3, 'Leather dress shoes', 0.608),
            (4, 'Running socks', 0.243),
        ]
        """
        print(search(conn, "running shoes"))
        """
        [
            (1, 'Trail running shoes', 0.991),
            (2, 'Road running shoes', 0.991),
            (4, 'Running socks', 0.687),
        ]
        """
        print(search(conn, '"trail running"'))
        #> [(1, 'Trail running shoes', 0.991)]
        # --8<-- [end:demo_rank]

        # --8<-- [start:demo_raw_input]
        try:
            conn.execute("SELECT to_tsquery('english', %s)", ("running shoes",))
        except psycopg.errors.SyntaxError as exc:
            print(type(exc).__name__, "-", str(exc).splitlines()[0])
            #> SyntaxError - syntax error in tsquery: "running shoes"
        row = conn.execute(
            "SELECT websearch_to_tsquery('english', %s)", ("running shoes)(&!",)
        ).fetchone()
        print(row[0])
        #> 'run' & 'shoe'
        # --8<-- [end:demo_raw_input]

        # --8<-- [start:demo_plan]
        plan_query = """
            SELECT id FROM products
            WHERE search @@ websearch_to_tsquery('english', %s)"""
        print(plan_summary(conn, plan_query, ("shoes",)))
        #> ['Seq Scan on products']
        add_search_index(conn)
        print(plan_summary(conn, plan_query, ("shoes",)))
        #> ['Bitmap Heap Scan on products', 'Bitmap Index Scan using products_search']
        # --8<-- [end:demo_plan]
