"""PREPARE TRANSACTION and COMMIT PREPARED in plain SQL, on two databases of one server.

The scratch primary has max_prepared_transactions = 10; the default, 0,
turns PREPARE TRANSACTION off.
"""

# requires-server: postgres-pair

import psycopg

from examples.system_design.distributed_transactions.bank import (
    bank_cluster,
    connect,
)

# pg_prepared_xacts lists the whole server's prepared transactions.
LEFT = "SELECT count(*) FROM pg_prepared_xacts WHERE database = current_database()"

with bank_cluster({"bank_a": {"alice": 10_000}, "bank_b": {"bob": 0}}) as cluster:
    bank_a, bank_b = cluster.participants["bank_a"], cluster.participants["bank_b"]

    # --8<-- [start:prepare]
    with connect(bank_a) as conn:
        print(conn.execute("SHOW max_prepared_transactions").fetchone()[0])
        #> 10
        conn.execute("BEGIN")
        conn.execute(
            "UPDATE accounts SET balance_cents = balance_cents - 2500"
            " WHERE id = 'alice'"
        )
        conn.execute("PREPARE TRANSACTION 'transfer-1:bank_a'")
        # The session has no transaction any more: the prepared one lives on its own.
        print(conn.info.transaction_status.name)
        #> IDLE

    with connect(bank_a) as other:  # a new session, after the first one closed
        print(other.execute("SELECT balance_cents FROM accounts").fetchone()[0])
        #> 10000
        prepared = other.execute(
            "SELECT gid, database = current_database() FROM pg_prepared_xacts"
        ).fetchall()
        print(prepared)
        #> [('transfer-1:bank_a', True)]
    # --8<-- [end:prepare]

    # --8<-- [start:one_database]
    with connect(bank_b) as wrong:
        try:
            wrong.execute("COMMIT PREPARED 'transfer-1:bank_a'")
        except psycopg.errors.FeatureNotSupported as error:
            print(error)
            """
            prepared transaction belongs to another database
            HINT:  Connect to the database where the transaction was prepared to finish it.
            """
        wrong.execute("BEGIN")
        try:  # ids are unique across the whole server, so name the branch in them
            wrong.execute("PREPARE TRANSACTION 'transfer-1:bank_a'")
        except psycopg.errors.DuplicateObject as error:
            print(error)
            #> transaction identifier "transfer-1:bank_a" is already in use
    # --8<-- [end:one_database]

    # --8<-- [start:commit]
    with connect(bank_a) as finisher:  # any session in bank_a can finish it
        finisher.execute("COMMIT PREPARED 'transfer-1:bank_a'")
        print(finisher.execute("SELECT balance_cents FROM accounts").fetchone()[0])
        #> 7500
        print(finisher.execute(LEFT).fetchone())
        #> (0,)
    # --8<-- [end:commit]
