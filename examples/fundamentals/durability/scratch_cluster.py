"""A throwaway single-node PostgreSQL cluster that an example may crash on purpose.

The machine's shared server on 5432 must never be killed or reconfigured, so
the durability examples make their own: `initdb` in a temporary folder, start
it on a free loopback port, and on the way out (error or not) stop it and
delete the folder. PostgreSQL refuses to run as root, so as root the server
programs run as the `postgres` user (`runuser`).

    with scratch_cluster({"wal_writer_delay": "10s"}) as cluster:
        with cluster.connect() as conn: ...
        cluster.crash()  # SIGKILL the postmaster and every child
        cluster.start()  # crash recovery replays the WAL
"""

# requires-tool: initdb, pg_ctl

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import psycopg

SERVER_TIMEOUT_SECONDS = 30
CONNECT_TIMEOUT_SECONDS = 5
PORT_ATTEMPTS = 3  # the free port is only free until someone else binds it
TRUST_LOOPBACK = "local all all trust\nhost all all 127.0.0.1/32 trust\n"


def _server_user_prefix() -> list[str]:
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _command(program: str, *args: str) -> list[str]:
    path = shutil.which(program)
    if path is None:
        raise FileNotFoundError(
            f"{program} not found on PATH: install PostgreSQL's server package"
        )
    return [*_server_user_prefix(), path, *args]


def _run(program: str, *args: str) -> None:
    result = subprocess.run(  # noqa: S603 - PostgreSQL's own programs, our arguments
        _command(program, *args),
        capture_output=True,
        text=True,
        timeout=SERVER_TIMEOUT_SECONDS,
        check=False,
    )
    if result.returncode != 0:
        output = result.stderr.strip() or result.stdout.strip()
        raise RuntimeError(f"{program} failed ({result.returncode}): {output}")


def _alive(pid: int) -> bool:
    """True while `pid` runs; a zombie (killed, not yet reaped) counts as gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:  # no such process (ENOENT, or ESRCH if it went mid-read)
        return False
    return stat.rpartition(")")[2].split()[0] != "Z"


def _signal(pid: int, signum: signal.Signals) -> None:
    """Send `signum`; a process that has already exited needs nothing."""
    with suppress(ProcessLookupError):
        os.kill(pid, signum)


def _children(pid: int) -> list[int]:
    children = []
    for stat_file in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat_file.read_text().rpartition(")")[2].split()
        except OSError:
            continue  # exited while we looked
        if int(fields[1]) == pid:
            children.append(int(stat_file.parent.name))
    return children


@dataclass
class ScratchCluster:
    data: Path
    port: int

    @property
    def dsn(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def connect(self, **options: str) -> psycopg.Connection:
        """An autocommit session; `options` become `-c name=value` settings."""
        for name, value in options.items():
            if not re.fullmatch(r"[a-z_]+", name) or not re.fullmatch(r"[\w.]+", value):
                raise ValueError(f"bad setting {name}={value!r}: one word each")
        settings = " ".join(f"-c {name}={value}" for name, value in options.items())
        return psycopg.connect(
            self.dsn,
            autocommit=True,
            connect_timeout=CONNECT_TIMEOUT_SECONDS,
            options=settings,
        )

    def start(self) -> None:
        log = self.data.parent / "server.log"
        try:
            _run(
                "pg_ctl",
                "-D",
                str(self.data),
                "-l",
                str(log),
                "-w",
                "-t",
                str(SERVER_TIMEOUT_SECONDS),
                "start",
            )
        except RuntimeError as error:
            tail = (
                log.read_text(errors="replace").splitlines()[-5:]
                if log.exists()
                else []
            )
            raise RuntimeError(
                "\n".join([str(error), f"end of {log}:", *tail])
            ) from None

    def postmaster_pid(self) -> int:
        return int((self.data / "postmaster.pid").read_text().split()[0])

    def crash(self) -> None:
        """Kill the postmaster and all its children at once, with no warning.

        SIGKILL runs no code in the server: nothing still in its shared memory
        (the WAL buffers) is written out. Unlike a power cut, it keeps what the
        kernel already has (the page cache), flushed or not.
        """
        postmaster = self.postmaster_pid()
        pids = [postmaster]
        try:
            # Freeze first, so no process reacts to another's death; a frozen
            # postmaster forks nothing, so the list of children stays complete.
            os.kill(postmaster, signal.SIGSTOP)
            pids += _children(postmaster)
            for pid in pids[1:]:
                _signal(pid, signal.SIGSTOP)
        finally:  # even if freezing failed: never leave a stopped server behind
            for pid in pids:
                _signal(pid, signal.SIGKILL)
        deadline = time.monotonic() + SERVER_TIMEOUT_SECONDS
        while any(_alive(pid) for pid in pids):
            if time.monotonic() > deadline:
                raise RuntimeError(f"server processes {pids} outlived SIGKILL")
            time.sleep(0.05)
        self._remove_stale_lock()

    def _remove_stale_lock(self) -> None:
        """Delete the lock files (and the SysV segment) once the server is dead.

        The killed postmaster is an orphan; where PID 1 does not reap orphans it
        stays a zombie, which kill(pid, 0) reports as alive, so the next start
        would refuse the "running" lock file. Nothing runs, so the lock can go.
        """
        lock = self.data / "postmaster.pid"
        lines = lock.read_text().splitlines()
        ipcrm = shutil.which("ipcrm")
        if len(lines) >= 7 and len(lines[6].split()) == 2 and ipcrm:
            shmid = lines[6].split()[1]  # line 7 is "<key> <shmid>"
            subprocess.run(  # noqa: S603 - a fixed program; shmid came from the server
                [ipcrm, "-m", shmid],
                capture_output=True,
                check=False,
                timeout=SERVER_TIMEOUT_SECONDS,
            )
        lock.unlink()
        socket_file = self.data.parent / f".s.PGSQL.{self.port}"
        Path(f"{socket_file}.lock").unlink(
            missing_ok=True
        )  # the same check, per socket
        socket_file.unlink(missing_ok=True)

    def stop(self) -> None:
        """Stop the server if it runs; kill it if it does not stop in time."""
        if not (self.data / "postmaster.pid").exists():
            return
        with suppress(subprocess.TimeoutExpired):  # then the kill below
            subprocess.run(  # noqa: S603 - PostgreSQL's own program, our arguments
                _command(
                    "pg_ctl",
                    "-D",
                    str(self.data),
                    "-m",
                    "immediate",
                    "-w",
                    "-t",
                    "10",
                    "stop",
                ),
                capture_output=True,
                timeout=SERVER_TIMEOUT_SECONDS,
                check=False,
            )
        if (self.data / "postmaster.pid").exists():
            self.crash()  # still there (a frozen server ignores SIGQUIT)


def _start_on_a_free_port(cluster: ScratchCluster) -> None:
    """Start; if another process took the port since _free_port(), try another."""
    for attempt in range(PORT_ATTEMPTS):
        try:
            cluster.start()
            return
        except RuntimeError as error:
            if "already in use" not in str(error) or attempt == PORT_ATTEMPTS - 1:
                raise
        cluster.port = _free_port()
        with (cluster.data / "postgresql.conf").open("a", encoding="utf-8") as conf:
            conf.write(f"port = {cluster.port}\n")  # the last setting wins


@contextmanager
def scratch_cluster(
    settings: Mapping[str, str] | None = None,
) -> Iterator[ScratchCluster]:
    """initdb, configure and start a cluster; stop it and delete it afterwards."""
    root = Path(tempfile.mkdtemp(prefix="handbook-durability-"))
    try:
        if os.geteuid() == 0:
            shutil.chown(root, "postgres", "postgres")
        cluster = ScratchCluster(root / "data", _free_port())
        # --no-sync only skips initdb's own flush of the new files; the server
        # still fsyncs its WAL (fsync = on), which is what the examples measure.
        _run(
            "initdb",
            "-D",
            str(cluster.data),
            "-U",
            "postgres",
            "--auth=trust",
            "--no-sync",
            "-E",
            "UTF8",
        )
        lines = [
            f"port = {cluster.port}",
            "listen_addresses = '127.0.0.1'",
            f"unix_socket_directories = '{root}'",
            *(f"{name} = {value}" for name, value in (settings or {}).items()),
        ]
        with (cluster.data / "postgresql.conf").open("a", encoding="utf-8") as conf:
            conf.write("\n" + "\n".join(lines) + "\n")
        (cluster.data / "pg_hba.conf").write_text(TRUST_LOOPBACK, encoding="utf-8")
        _start_on_a_free_port(cluster)
        try:
            yield cluster
        finally:
            cluster.stop()
    finally:
        shutil.rmtree(root, ignore_errors=True)
