"""A user and their orders, a variable, what errors look like, and their HTTP status."""

from __future__ import annotations

import json
from contextlib import closing

from examples.apis.graphql.over_http import http_response
from examples.apis.graphql.schema import execute
from examples.data.sql_most_orders.database import open_database

with closing(open_database()) as db:
    # --8<-- [start:user_query]
    result = execute(
        db,
        """
        query {
          user(id: "2") {
            name
            orders { id total }
          }
        }
        """,
    )
    print(json.dumps(result.data, indent=2))
    """
    {
      "user": {
        "name": "Grace",
        "orders": [
          {
            "id": "2",
            "total": "19.99"
          },
          {
            "id": "3",
            "total": "42.50"
          },
          {
            "id": "7",
            "total": "5.05"
          },
          {
            "id": "10",
            "total": "12.00"
          }
        ]
      }
    }
    """
    print(result.errors)
    #> None
    # --8<-- [end:user_query]

    # --8<-- [start:variables]
    # The query text is constant; the id arrives as a typed variable, never pasted in.
    USER_ORDERS = """
        query UserOrders($id: ID!) {
          user(id: $id) { name orders { total status } }
        }
    """
    print(json.dumps(execute(db, USER_ORDERS, {"id": "6"}).data))
    """
    {"user": {"name": "Margaret", "orders": [{"total": "89.00", "status": "REFUNDED"}]}}
    """
    # --8<-- [end:variables]

    # --8<-- [start:unknown_field]
    bad = execute(db, '{ user(id: "2") { name orders { id price } } }')
    print(bad.data)
    #> None
    print([error.message for error in bad.errors or []])
    #> ["Cannot query field 'price' on type 'Order'."]
    # --8<-- [end:unknown_field]

    # --8<-- [start:unknown_user]
    missing = execute(db, USER_ORDERS, {"id": "999"})
    print(missing.data, missing.errors)
    #> {'user': None} None
    # --8<-- [end:unknown_user]

    # --8<-- [start:bad_id]
    malformed = execute(db, USER_ORDERS, {"id": "2 OR 1=1"})
    print(malformed.data)
    #> {'user': None}
    print([(error.message, error.path) for error in malformed.errors or []])
    #> [("User id must be a positive integer, got '2 OR 1=1'", ['user'])]
    # --8<-- [end:bad_id]

    # --8<-- [start:http_status]
    requests = {
        "ok": '{ user(id: "2") { name } }',
        "unparsable": '{ user(id: "2") { name }',
        "invalid": '{ user(id: "2") { name price } }',
        "field error": '{ user(id: "2 OR 1=1") { name } }',
        "no such user": '{ user(id: "999") { name } }',
    }
    lines = []
    for label, query in requests.items():
        status, body = http_response(execute(db, query))
        lines.append(f"{label}: {status} {', '.join(body)}")
    print("\n".join(lines))
    """
    ok: 200 data
    unparsable: 400 errors
    invalid: 422 errors
    field error: 294 errors, data
    no such user: 200 data
    """
    # --8<-- [end:http_status]

# --8<-- [start:masked]
broken = open_database()
broken.close()  # from now on, every statement raises sqlite3.ProgrammingError
status, body = http_response(execute(broken, '{ user(id: "2") { name } }'))
print(status, body["errors"][0]["message"])
#> 294 Internal server error
# --8<-- [end:masked]
