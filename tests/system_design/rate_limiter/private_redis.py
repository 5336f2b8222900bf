"""A private redis-server for tests that need one in a special state.

The shared Redis on 6379 is never reconfigured: a test that needs maxmemory,
a password or a busy script starts its own server on a unix socket in a
temporary directory, waits for PING, and stops and deletes it afterwards.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from tests.support.ci import running_under_ci

READY_TIMEOUT_S = 10.0
STOP_TIMEOUT_S = 5.0


@contextmanager
def private_redis(*settings: str) -> Iterator[str]:
    """Yield the unix socket path of a fresh redis-server run with `settings`.

    `settings` are extra command-line options ("--maxmemory", "1", ...). The
    server listens on no TCP port, saves nothing, and its directory is
    deleted when the block ends.
    """
    binary = shutil.which("redis-server")
    if binary is None:
        message = "redis-server is not installed (Debian's redis-server package)"
        if running_under_ci():
            pytest.fail(message + "; under CI a missing server is a failure", pytrace=False)
        pytest.skip(message)
    folder = Path(tempfile.mkdtemp(prefix="rl-redis-"))
    sock = folder / "redis.sock"
    command = [binary, "--port", "0", "--unixsocket", str(sock)]
    command += ["--unixsocketperm", "700", "--dir", str(folder)]
    command += ["--save", "", "--appendonly", "no", *settings]
    server = subprocess.Popen(  # the installed binary, our options only
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        _wait_for_ping(str(sock), server, settings)
        yield str(sock)
    finally:
        server.terminate()
        try:
            server.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=STOP_TIMEOUT_S)
        shutil.rmtree(folder, ignore_errors=True)


def _wait_for_ping(
    sock: str, server: subprocess.Popen[bytes], settings: tuple[str, ...]
) -> None:
    password = None
    if "--requirepass" in settings:
        password = settings[settings.index("--requirepass") + 1]
    deadline = time.monotonic() + READY_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"redis-server exited with {server.returncode}")
        try:
            with unix_client(sock, password=password, timeout=0.5) as r:
                if r.ping():
                    return
        except (redis.ConnectionError, FileNotFoundError):
            pass
        time.sleep(0.02)
    raise RuntimeError(f"redis-server did not answer PING within {READY_TIMEOUT_S} s")


def unix_client(
    sock: str, *, password: str | None = None, timeout: float = 1.0
) -> redis.Redis:
    """A limiter-style client of a private server: short timeouts, no retries."""
    return redis.Redis(
        unix_socket_path=sock,
        password=password,
        socket_connect_timeout=timeout,
        socket_timeout=timeout,
        retry=Retry(NoBackoff(), retries=0),
    )
