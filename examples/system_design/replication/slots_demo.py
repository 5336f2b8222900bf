"""A replication slot nobody reads from holds WAL on the primary, without limit."""

# requires-server: postgres-pair

from __future__ import annotations

import secrets

from psycopg import sql

from examples.server_settings import pg_primary_dsn, pg_replica_dsn
from examples.system_design.replication.pg import connect, scratch_table

MB = 1024 * 1024

with (
    connect(pg_primary_dsn()) as primary,
    connect(pg_replica_dsn()) as replica,
    scratch_table(primary, replica, "events", "id int, payload text") as t,
):
    # --8<-- [start:slot]
    slot = f"abandoned_{secrets.token_hex(4)}"
    # True: reserve WAL from now on, as a standby that connected once would.
    primary.execute("SELECT pg_create_physical_replication_slot(%s, true)", (slot,))
    try:
        retained = sql.SQL(
            "SELECT active, wal_status,"
            " pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)"
            " FROM pg_replication_slots WHERE slot_name = %s"
        )
        # About 2 MB of WAL from ordinary writes; no consumer ever connects.
        primary.execute(
            sql.SQL(
                "INSERT INTO {} SELECT i, repeat('x', 200)"
                " FROM generate_series(1, 8000) AS i"
            ).format(t)
        )
        active, status, held = primary.execute(retained, (slot,)).fetchone()
        print(
            "active:", active, "| wal_status:", status, "| holds >= 1 MB:", held >= MB
        )
        #> active: False | wal_status: reserved | holds >= 1 MB: True
        limit = primary.execute("SHOW max_slot_wal_keep_size").fetchone()
        print("max_slot_wal_keep_size:", limit[0])  # -1: no limit at all
        #> max_slot_wal_keep_size: -1
    finally:
        primary.execute("SELECT pg_drop_replication_slot(%s)", (slot,))
    # --8<-- [end:slot]
    left = primary.execute(
        "SELECT count(*) FROM pg_replication_slots WHERE slot_name = %s", (slot,)
    ).fetchone()
    print("slot dropped:", left == (0,))
    #> slot dropped: True
