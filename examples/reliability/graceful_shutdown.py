"""Graceful shutdown: SIGTERM to a real uvicorn process with a request in flight.

The order that loses no request:
1. SIGTERM arrives: readiness turns 503 at once, but the server keeps
   serving for `DRAIN_S`, because load balancers notice a failing probe (or
   the endpoint removal) only seconds later and keep sending until then;
2. after the drain, uvicorn stops accepting: new connections are refused;
3. requests already in flight finish (up to `timeout_graceful_shutdown`);
4. the process exits 0.

The parent binds the port and passes the socket to the child, as
examples/system_design/rate_limiter/serve.py does, so no other program can
take the port in between.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import FrameType

import httpx2
import uvicorn

from examples.reliability.service_app import ServiceState, make_app
from examples.uvicorn_server import listening_socket

REPO_ROOT = Path(__file__).resolve().parents[2]
MODULE = "examples.reliability.graceful_shutdown"
DRAIN_S = 1.0  # in production: a few seconds more than the balancer needs to notice
GRACE_S = 10.0  # in-flight requests get this long; keep it under the pod's grace period


# --8<-- [start:server]
class DrainingServer(uvicorn.Server):
    """On the first SIGTERM or SIGINT: fail readiness, keep serving, then stop."""

    def __init__(self, config: uvicorn.Config, state: ServiceState) -> None:
        super().__init__(config)
        self.state = state

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        if self.state.draining:  # a second signal: stop draining, shut down now
            super().handle_exit(sig, frame)
            return
        self.state.draining = True  # /readyz answers 503 from this moment
        timer = threading.Timer(DRAIN_S, self._stop_accepting)
        timer.daemon = True
        timer.start()

    def _stop_accepting(self) -> None:
        # uvicorn's main loop checks this flag, then closes the listening
        # socket and waits for in-flight requests before it returns.
        self.should_exit = True


def child_main(fd: int) -> None:
    """In the child: serve the inherited socket until SIGTERM, then drain."""
    listener = socket.socket(fileno=fd)  # family and type come from the socket
    state = ServiceState()
    config = uvicorn.Config(
        make_app(state),
        log_level="warning",
        access_log=False,
        timeout_graceful_shutdown=GRACE_S,
    )
    DrainingServer(config, state).run(sockets=[listener])


# --8<-- [end:server]


def start_service() -> tuple[subprocess.Popen[bytes], str]:
    with listening_socket() as listener:
        listener.listen(128)
        port = listener.getsockname()[1]
        child = subprocess.Popen(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-m", MODULE, "--child-fd", str(listener.fileno())],
            cwd=REPO_ROOT,
            env=os.environ.copy(),
            pass_fds=[listener.fileno()],
        )
    return child, f"http://127.0.0.1:{port}"


def wait_until(check: Callable[[], bool], what: str, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.02)
    raise TimeoutError(f"{what} did not happen within {timeout} s")


def status_of(url: str, path: str, timeout: float = 2.0) -> int | str:
    """Status code of GET `url + path` on a new connection, or "refused"."""
    try:
        return httpx2.get(url + path, timeout=timeout).status_code
    except httpx2.ConnectError:
        return "refused"


def main() -> None:
    # --8<-- [start:demo]
    child, url = start_service()
    try:
        wait_until(lambda: status_of(url, "/readyz") == 200, "startup")
        print("before SIGTERM: readyz", status_of(url, "/readyz"))
        #> before SIGTERM: readyz 200

        in_flight: list[int | str] = []  # the slow request's status, from its thread
        slow = threading.Thread(
            target=lambda: in_flight.append(status_of(url, "/work?ms=3000", timeout=10))
        )
        slow.start()
        wait_until(
            lambda: httpx2.get(url + "/livez", timeout=2).json()["in_flight"] == 1,
            "the slow request to start",
        )
        child.send_signal(signal.SIGTERM)
        ready, live = status_of(url, "/readyz"), status_of(url, "/livez")
        print("draining: readyz", ready, "livez", live)
        #> draining: readyz 503 livez 200
        print("draining: a new request still gets", status_of(url, "/work"))
        #> draining: a new request still gets 200
        wait_until(lambda: status_of(url, "/livez") == "refused", "closing the socket")
        print("after the drain: a new connection is", status_of(url, "/livez"))
        #> after the drain: a new connection is refused
        slow.join(timeout=10)
        print("the request in flight at SIGTERM finished with", in_flight)
        #> the request in flight at SIGTERM finished with [200]
        print("exit code:", child.wait(timeout=10))
        #> exit code: 0
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(timeout=5)
    # --8<-- [end:demo]


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child-fd"]:
        child_main(int(sys.argv[2]))
    else:
        main()
