"""The stale read from a real PostgreSQL streaming replica, and the wait that fixes it."""

from __future__ import annotations

import psycopg

from examples.server_settings import CONNECT_TIMEOUT_SECONDS
from examples.system_design.consistency.pg_replica_history import main


def test_a_paused_replica_serves_a_stale_read_and_catching_up_fixes_it(postgres_pair: tuple[str, str]) -> None:
    primary_dsn, replica_dsn = postgres_pair
    lines = main(primary_dsn, replica_dsn)
    assert lines == [
        "app wrote 1; replica says 0, primary says 1",
        "lin -  seq -  causal -  ryw -  mr yes",
        "replica replayed the commit: True; replica says 1",
        "lin yes  seq yes  causal yes  ryw yes  mr yes",
    ]
    with psycopg.connect(replica_dsn, connect_timeout=CONNECT_TIMEOUT_SECONDS) as replica:
        # Replay runs again, and the demo's table is gone on both servers.
        assert replica.execute("SELECT pg_get_wal_replay_pause_state()").fetchone() == ("not paused",)
    with psycopg.connect(primary_dsn, connect_timeout=CONNECT_TIMEOUT_SECONDS) as primary:
        leftover = primary.execute("SELECT count(*) FROM pg_tables WHERE tablename LIKE 'consistency_%'")
        assert leftover.fetchone() == (0,)
