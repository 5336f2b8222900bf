"""How many WAL bytes a small transaction writes, read from the WAL position.

pg_current_wal_lsn() is the server's current write position in the WAL, a byte
offset; pg_wal_lsn_diff() subtracts two of them. Measured on a scratch cluster
that nothing else writes to, so the difference is this session's WAL alone.
"""

# requires-tool: initdb, pg_ctl

from __future__ import annotations

from examples.fundamentals.durability.scratch_cluster import (
    ScratchCluster,
    scratch_cluster,
)


# --8<-- [start:wal_bytes]
def wal_bytes_per_transaction(cluster: ScratchCluster, rows: int) -> int:
    """WAL bytes one transaction inserting `rows` small rows writes, commit included."""
    if rows < 1:
        raise ValueError(f"rows must be at least 1, not {rows}")
    with cluster.connect() as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS item (id int, note text)")
        conn.execute("INSERT INTO item VALUES (0, 'warm-up')")  # first-touch WAL
        conn.execute("CHECKPOINT")  # the next change to each page is a full-page image
        conn.execute("INSERT INTO item VALUES (0, 'after the checkpoint')")
        before = conn.execute("SELECT pg_current_wal_lsn()").fetchone()
        with conn.transaction(), conn.cursor() as cur:
            cur.executemany(
                "INSERT INTO item VALUES (%s, 'small row')",
                [(i,) for i in range(rows)],
            )
        row = conn.execute(
            "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), %s)", before
        ).fetchone()
    return int(row[0]) if row else 0


# --8<-- [end:wal_bytes]


if __name__ == "__main__":
    # --8<-- [start:demo]
    with scratch_cluster() as cluster:
        one = wal_bytes_per_transaction(cluster, rows=1)
        hundred = wal_bytes_per_transaction(cluster, rows=100)
        print("1-row transaction: under 1 KiB of WAL:", one < 1024)
        #> 1-row transaction: under 1 KiB of WAL: True
        print("100-row transaction writes more WAL than a 1-row one:", hundred > one)
        #> 100-row transaction writes more WAL than a 1-row one: True
    # --8<-- [end:demo]
