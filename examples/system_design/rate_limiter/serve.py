"""Run the check service under uvicorn in a child process, on a free loopback port.

The parent binds and listens on port 0 (the kernel picks a free port, so no
other program can take it between choosing and binding) and hands the socket
to the child, which serves it with uvicorn. Leaving the `with` block stops
the child: SIGTERM, then SIGKILL if it has not exited in time.
"""

# requires-server: redis

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx2
import uvicorn

from examples import server_settings
from examples.uvicorn_server import listening_socket

REPO_ROOT = Path(__file__).resolve().parents[3]
READY_TIMEOUT_S = 15.0
STOP_TIMEOUT_S = 5.0
MODULE = "examples.system_design.rate_limiter.serve"


@contextmanager
def running_service(prefix: str, redis_url: str | None = None) -> Iterator[str]:
    """Yield the base URL of a check service whose keys live under `prefix`."""
    # IPPROTO_TCP, so the child's asyncio turns Nagle's algorithm off.
    with listening_socket() as listener:
        listener.listen(128)
        port = listener.getsockname()[1]
        env = {
            **os.environ,
            "RATE_LIMITER_PREFIX": prefix,
            "HANDBOOK_REDIS_URL": redis_url or server_settings.redis_url(),
        }
        child = subprocess.Popen(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-m", MODULE, "--child-fd", str(listener.fileno())],
            cwd=REPO_ROOT,
            env=env,
            pass_fds=[listener.fileno()],
            stdout=subprocess.DEVNULL,
        )
    # The child holds its own copy of the socket; ours is closed.
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_healthy(url, child)
        yield url
    finally:
        child.terminate()
        try:
            child.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait(timeout=STOP_TIMEOUT_S)


def _wait_until_healthy(url: str, child: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + READY_TIMEOUT_S
    while time.monotonic() < deadline:
        if child.poll() is not None:
            raise RuntimeError(
                f"the service exited with {child.returncode} while starting"
            )
        try:
            if httpx2.get(f"{url}/healthz", timeout=1.0).status_code == 200:
                return
        except httpx2.TransportError:
            pass
        time.sleep(0.05)
    raise RuntimeError(
        f"the service did not answer /healthz within {READY_TIMEOUT_S} s"
    )


def child_main(fd: int) -> None:
    """In the child: serve the inherited socket with uvicorn until SIGTERM."""
    from examples.system_design.rate_limiter.service import app_from_env

    listener = socket.socket(fileno=fd)  # family and type come from the socket
    config = uvicorn.Config(app_from_env(), log_level="warning", access_log=False)
    uvicorn.Server(config).run(sockets=[listener])


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child-fd"]:
        child_main(int(sys.argv[2]))
    else:
        # --8<-- [start:demo]
        from examples.data.redis.connection import redis_session

        with redis_session("rl_serve") as (_, prefix), running_service(prefix) as url:
            body = {"route": "catalog", "client": "ip:203.0.113.7"}
            answer = httpx2.post(f"{url}/v1/check", json=body, timeout=5.0).json()
            print(
                answer["status"], answer["decided_by"], answer["headers"]["RateLimit"]
            )
            #> 200 redis "second";r=49;t=1
        # --8<-- [end:demo]
