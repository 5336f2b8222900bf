"""Four injections against a real PostgreSQL, and what the safe code returns instead."""

# requires-server: postgres

import psycopg

from examples.scratch_postgres import connect, scratch_schema
from examples.security.web.sql_injection import (
    create_catalog,
    find_by_name,
    list_products,
    save_search,
    search,
    unescaped_search,
    vulnerable_find_by_name,
    vulnerable_list_products,
    vulnerable_run_saved_search,
)

with scratch_schema("ex_sqli") as schema, connect(schema) as conn:
    create_catalog(conn)

    # --8<-- [start:classic]
    always_true = "' OR '1'='1"
    print([row[1] for row in vulnerable_find_by_name(conn, always_true)])
    #> ['Blue mug', 'Red mug', '50% off voucher', 'Unreleased kettle']
    print(find_by_name(conn, always_true))
    #> []
    # --8<-- [end:classic]

    # --8<-- [start:union]
    union = "' UNION SELECT id, email || ' ' || api_token, 0 FROM app_user --"
    for row in vulnerable_find_by_name(conn, union):
        print(row)
        #> (1, 'ada@example.com tok_ada_not_a_real_secret', 0)
    print(find_by_name(conn, union))
    #> []
    # --8<-- [end:union]

    # --8<-- [start:order_by]
    # One bit per request: the order says whether the guess about the token holds.
    def probe(guess: str) -> str:
        return (
            f"CASE WHEN (SELECT api_token FROM app_user) LIKE '{guess}%'"  # noqa: S608
            " THEN price_cents ELSE -price_cents END"
        )

    print([row[0] for row in vulnerable_list_products(conn, probe("tok_a"))])
    #> [3, 1, 2, 4]
    print([row[0] for row in vulnerable_list_products(conn, probe("tok_b"))])
    #> [4, 2, 1, 3]
    print([row[0] for row in list_products(conn, "price", descending=False)])
    #> [3, 1, 2]
    try:
        list_products(conn, probe("tok_a"), descending=False)
    except ValueError as error:
        print(error)
        #> sort must be one of ['name', 'newest', 'price']
    # --8<-- [end:order_by]

    # --8<-- [start:like]
    print([row[1] for row in unescaped_search(conn, "%")])
    #> ['Blue mug', 'Red mug', '50% off voucher']
    print([row[1] for row in search(conn, "%")])
    #> ['50% off voucher']
    print([row[1] for row in search(conn, "_")])
    #> []
    # --8<-- [end:like]

    # --8<-- [start:second_order]
    saved = save_search(conn, user_id=1, term="x' OR NOT visible --")
    print([row[1] for row in vulnerable_run_saved_search(conn, saved)])
    #> ['Unreleased kettle']
    # --8<-- [end:second_order]

    try:
        vulnerable_find_by_name(conn, "O'Brien")
    except psycopg.errors.SyntaxError:
        print("a customer named O'Brien breaks the vulnerable query")
        #> a customer named O'Brien breaks the vulnerable query
    print(find_by_name(conn, "O'Brien"))
    #> []

    # --8<-- [start:stacked]
    # No parameters, so psycopg sends one simple query, and it may hold several.
    print(vulnerable_find_by_name(conn, "'; DROP TABLE product; --"))
    #> []
    tables = "SELECT count(*) FROM pg_tables WHERE schemaname = %s AND tablename = %s"
    print(conn.execute(tables, (schema, "product")).fetchone())
    #> (0,)
    # --8<-- [end:stacked]
