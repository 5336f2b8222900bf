"""A coordinator killed between the phases: what its prepared transactions hold, and recovery."""

# requires-server: postgres-pair

import signal

import psycopg

from examples.system_design.distributed_transactions.bank import (
    balances,
    bank_cluster,
    connect,
    prepared_branches,
)
from examples.system_design.distributed_transactions.crash import coordinator_process
from examples.system_design.distributed_transactions.two_phase import (
    DecisionLog,
    recover,
)

# --8<-- [start:queries]
# The locks of this database's prepared transactions. A prepared transaction
# has no server process, so pid is NULL; it keeps its virtualtransaction.
PREPARED_LOCKS = """
SELECT l.locktype, l.relation::regclass::text, l.mode, l.pid
FROM pg_prepared_xacts p
JOIN pg_locks x ON x.locktype = 'transactionid' AND x.transactionid = p.transaction
JOIN pg_locks l ON l.virtualtransaction = x.virtualtransaction
WHERE p.database = current_database()
ORDER BY 1, 2
"""
# Row locks are kept in the row itself, not in pg_locks; pgrowlocks reads them.
ROW_LOCKS = """
SELECT a.id, r.modes, r.pids
FROM accounts a JOIN pgrowlocks('accounts') r ON r.locked_row = a.ctid
"""
# --8<-- [end:queries]

with bank_cluster({"bank_a": {"alice": 10_000}, "bank_b": {"bob": 0}}) as cluster:
    bank_a = cluster.participants["bank_a"]
    with connect(bank_a) as conn:
        conn.execute("CREATE EXTENSION pgrowlocks")

    # --8<-- [start:kill]
    transfer = ("t-7", ("bank_a", "alice"), ("bank_b", "bob"), 2_500)
    with coordinator_process(cluster, *transfer, stop_at="prepared") as child:
        # Both participants voted yes; the decision is not logged yet.
        child.send_signal(signal.SIGKILL)
        print(child.wait(timeout=10) == -signal.SIGKILL)
        #> True
    print(prepared_branches(cluster))
    #> [('bank_a', 't-7'), ('bank_b', 't-7')]
    # --8<-- [end:kill]

    # --8<-- [start:locks]
    with connect(bank_a) as conn:
        for row in conn.execute(PREPARED_LOCKS):
            print(row)
            #> ('relation', 'accounts', 'RowExclusiveLock', None)
            #> ('relation', 'accounts_pkey', 'RowExclusiveLock', None)
            #> ('transactionid', None, 'ExclusiveLock', None)
        print(conn.execute(ROW_LOCKS).fetchall())
        #> [('alice', ['No Key Update'], [0])]
    # --8<-- [end:locks]

    # --8<-- [start:blocked]
    with connect(bank_a) as conn:
        print(conn.execute("SELECT balance_cents FROM accounts").fetchone())
        #> (10000,)
        conn.execute("SET lock_timeout = '200ms'")
        try:
            conn.execute(
                "UPDATE accounts SET balance_cents = balance_cents + 1"
                " WHERE id = 'alice'"
            )
        except psycopg.errors.LockNotAvailable as error:
            print(error.sqlstate, error.diag.message_primary)
            #> 55P03 canceling statement due to lock timeout
    # --8<-- [end:blocked]

    # --8<-- [start:recover]
    with DecisionLog(cluster.log_path) as log:
        for done in recover(cluster.participants, log):
            print(done.participant, done.transfer_id, done.decision)
            #> bank_a t-7 abort
            #> bank_b t-7 abort
    with connect(bank_a) as conn:
        print(conn.execute(PREPARED_LOCKS).fetchall())
        #> []
        conn.execute("SET lock_timeout = '200ms'")
        print(conn.execute("SELECT id FROM accounts FOR UPDATE").fetchall())
        #> [('alice',)]
    print(balances(cluster))
    #> {'bank_a/alice': 10000, 'bank_b/bob': 0}
    # --8<-- [end:recover]

    # --8<-- [start:decided]
    transfer = ("t-8", ("bank_a", "alice"), ("bank_b", "bob"), 2_500)
    with coordinator_process(cluster, *transfer, stop_at="decided") as child:
        # The decision "commit" is on disk; phase 2 has not started.
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    with DecisionLog(cluster.log_path) as log:
        for done in recover(cluster.participants, log):
            print(done.participant, done.transfer_id, done.decision)
            #> bank_a t-8 commit
            #> bank_b t-8 commit
    print(balances(cluster), prepared_branches(cluster))
    #> {'bank_a/alice': 7500, 'bank_b/bob': 2500} []
    # --8<-- [end:decided]
