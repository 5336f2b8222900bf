"""A scratch PostgreSQL primary and its streaming replica, on loopback ports.

The replication and two-phase-commit examples change server settings
(`synchronous_standby_names`, `max_prepared_transactions`) and stop servers,
which the machine's shared PostgreSQL on 5432 must never see. So this module
makes its own pair: `initdb` a primary, `pg_basebackup -R` a replica from it,
start both and wait until the replica streams. `stop()` stops both and deletes
their data. PostgreSQL refuses to run as root, so as root the server
programs run as the `postgres` user.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

from tests.support.provisioned import Unavailable

DEFAULT_PORTS = (5433, 5434)
STARTUP_TIMEOUT_SECONDS = 30
# Settings the examples rely on, on top of initdb's defaults.
PRIMARY_SETTINGS = {
    "listen_addresses": "'127.0.0.1'",
    "wal_level": "replica",
    "max_wal_senders": "5",
    "max_prepared_transactions": "10",  # 0 by default, which turns PREPARE TRANSACTION off
    "wal_keep_size": "'64MB'",
    "log_min_messages": "warning",
}
TRUST_LOOPBACK = "local all all trust\nhost all all 127.0.0.1/32 trust\nhost replication all 127.0.0.1/32 trust\n"


def _bin_dir() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]))
    if found:
        return found[-1].parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).parent
    raise Unavailable("initdb and pg_basebackup were not found: install PostgreSQL's server package (postgresql)")


def _as_server_user() -> list[str]:
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _port_in_use(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


@dataclass
class PostgresPair:
    root: Path
    bin_dir: Path
    primary_port: int
    replica_port: int
    _started: list[Path] = field(default_factory=list)

    @property
    def primary_dsn(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.primary_port}/postgres"

    @property
    def replica_dsn(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.replica_port}/postgres"

    @property
    def env(self) -> dict[str, str]:
        return {"HANDBOOK_PG_PRIMARY_DSN": self.primary_dsn, "HANDBOOK_PG_REPLICA_DSN": self.replica_dsn}

    def run(self, program: str, *args: str) -> None:
        command = [*_as_server_user(), str(self.bin_dir / program), *args]
        result = subprocess.run(command, capture_output=True, text=True, timeout=STARTUP_TIMEOUT_SECONDS, check=False)
        if result.returncode != 0:
            output = result.stderr.strip() or result.stdout.strip()
            raise RuntimeError(f"{program} failed ({result.returncode}): {output}")

    def start_server(self, data: Path) -> None:
        log = data.parent / f"{data.name}.log"
        try:
            self.run("pg_ctl", "-D", str(data), "-l", str(log), "-w", "-t", str(STARTUP_TIMEOUT_SECONDS), "start")
        except RuntimeError as error:
            tail = log.read_text(encoding="utf-8", errors="replace").splitlines()[-5:] if log.exists() else []
            raise RuntimeError("\n".join([str(error), f"last lines of {log}:", *tail])) from None
        self._started.append(data)

    def stop(self) -> None:
        for data in reversed(self._started):
            # immediate: no checkpoint at shutdown; the data is deleted next anyway
            subprocess.run([*_as_server_user(), str(self.bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate",
                            "-w", "stop"], capture_output=True, timeout=STARTUP_TIMEOUT_SECONDS, check=False)
        self._started.clear()
        shutil.rmtree(self.root, ignore_errors=True)


def _configure(data: Path, port: int, settings: dict[str, str]) -> None:
    lines = [f"port = {port}", f"unix_socket_directories = '{data.parent}'"]
    lines += [f"{name} = {value}" for name, value in settings.items()]
    with (data / "postgresql.conf").open("a", encoding="utf-8") as conf:
        conf.write("\n# tests/support/postgres_pair.py\n" + "\n".join(lines) + "\n")


def _wait_until_streaming(primary_dsn: str) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    with psycopg.connect(primary_dsn, autocommit=True, connect_timeout=5) as conn:
        while time.monotonic() < deadline:
            row = conn.execute("SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'").fetchone()
            if row and row[0] >= 1:
                return
            time.sleep(0.1)
    raise RuntimeError(f"the replica did not start streaming within {STARTUP_TIMEOUT_SECONDS} s")


def start(default_ports: bool = False) -> PostgresPair:
    bin_dir = _bin_dir()
    root = Path(tempfile.mkdtemp(prefix="handbook-pg-pair-"))
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    primary_port, replica_port = DEFAULT_PORTS if default_ports else (_free_port(), _free_port())
    for port in (primary_port, replica_port):
        if _port_in_use(port):
            shutil.rmtree(root, ignore_errors=True)
            raise Unavailable(f"port {port} on 127.0.0.1 is already in use (is another pair running?)")
    pair = PostgresPair(root, bin_dir, primary_port, replica_port)
    try:
        primary, replica = root / "primary", root / "replica"
        pair.run("initdb", "-D", str(primary), "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8")
        _configure(primary, primary_port, PRIMARY_SETTINGS)
        (primary / "pg_hba.conf").write_text(TRUST_LOOPBACK, encoding="utf-8")
        pair.start_server(primary)
        # -R writes standby.signal and primary_conninfo: the copy starts as a streaming standby.
        pair.run("pg_basebackup", "-h", "127.0.0.1", "-p", str(primary_port), "-U", "postgres",
                 "-D", str(replica), "-R", "-X", "stream", "--checkpoint=fast")
        # cluster_name is the standby's application_name on the primary (pg_stat_replication,
        # synchronous_standby_names).
        _configure(replica, replica_port, {"cluster_name": "'replica1'", "hot_standby": "on"})
        pair.start_server(replica)
        _wait_until_streaming(pair.primary_dsn)
    except BaseException:
        pair.stop()
        raise
    return pair
