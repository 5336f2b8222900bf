"""Graceful shutdown: SIGTERM to a real uvicorn process with a request in flight.

The order that loses no request:
1. SIGTERM arrives: readiness turns 503 at once, but the server keeps
   serving for `drain_s` seconds, because load balancers notice the endpoint
   removal only seconds later and keep sending until then;
2. after the drain, uvicorn stops accepting: new connections are refused;
3. requests already in flight finish (up to `timeout_graceful_shutdown`);
4. the process exits 0.

The parent binds the port and passes the socket to the child, as
examples/system_design/rate_limiter/serve.py does, so no other program can
take the port in between. The socket listens before the child's uvicorn
runs, so early connections wait in the kernel's backlog: the parent polls
until one is answered, and counts a timeout as "not yet", not as a failure.
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
DRAIN_S = 3.0  # in production: a few seconds more than the balancer needs to notice
GRACE_S = 10.0  # in-flight requests get this long; keep it under the pod's grace period
REFUSED = "refused"  # the listener is closed: the kernel says so at once
NOT_ANSWERED = "no answer"  # reset or timed out: nothing came back
CLOSED = {REFUSED, NOT_ANSWERED}  # what a poll after the drain may see


# --8<-- [start:server]
class DrainingServer(uvicorn.Server):
    """On the first SIGTERM or SIGINT: fail readiness, keep serving, then stop."""

    def __init__(
        self, config: uvicorn.Config, state: ServiceState, drain_s: float
    ) -> None:
        super().__init__(config)
        self.state = state
        self.drain_s = drain_s

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        if self.state.draining:
            # A second signal skips the rest of the drain. uvicorn still waits
            # for in-flight requests (up to GRACE_S); only a second SIGINT
            # makes it drop them.
            super().handle_exit(sig, frame)
            return
        self.state.draining = True  # /readyz answers 503 from this moment
        timer = threading.Timer(self.drain_s, self._stop_accepting)
        timer.daemon = True
        timer.start()

    def _stop_accepting(self) -> None:
        # uvicorn's main loop checks this flag, then closes the listening
        # socket and waits for in-flight requests before it returns.
        self.should_exit = True


def child_main(fd: int, drain_s: float) -> None:
    """In the child: serve the inherited socket until SIGTERM, then drain."""
    listener = socket.socket(fileno=fd)  # family and type come from the socket
    state = ServiceState()
    config = uvicorn.Config(
        make_app(state),
        log_level="warning",
        access_log=False,
        timeout_graceful_shutdown=GRACE_S,
    )
    DrainingServer(config, state, drain_s).run(sockets=[listener])


# --8<-- [end:server]


def start_service(drain_s: float = DRAIN_S) -> tuple[subprocess.Popen[bytes], str]:
    """Start the child on a listening socket; return it and its base URL."""
    with listening_socket() as listener:
        listener.listen(128)
        port = listener.getsockname()[1]
        fd = str(listener.fileno())
        child = subprocess.Popen(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-m", MODULE, "--child-fd", fd, str(drain_s)],
            cwd=REPO_ROOT,
            env=os.environ.copy(),
            pass_fds=[listener.fileno()],
        )
    return child, f"http://127.0.0.1:{port}"


def wait_until(check: Callable[[], bool], what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.02)
    raise TimeoutError(f"{what} did not happen within {timeout} s")


def fresh_connections(url: str, timeout: float = 5.0) -> httpx2.Client:
    """A client that opens a new connection for every request (no keep-alive).

    Build it once, before the signal: making a client costs time (it loads
    TLS certificates), and the drain window is short.
    """
    limits = httpx2.Limits(max_keepalive_connections=0)
    return httpx2.Client(base_url=url, timeout=timeout, limits=limits)


def status_of(client: httpx2.Client, path: str, timeout: float = 10.0) -> int | str:
    """Status code of GET `path`; REFUSED or NOT_ANSWERED on a transport error.

    Refused is the usual sign of a closed listener, but not the only one: a
    connection the kernel had queued when the listener closed is reset
    instead, and one sent before uvicorn runs just waits. Callers poll until
    they see the state they expect.
    """
    try:
        return client.get(path, timeout=timeout).status_code
    except httpx2.ConnectError:
        return REFUSED
    except httpx2.TransportError:
        return NOT_ANSWERED


def in_flight_count(client: httpx2.Client) -> int | None:
    """How many /work requests the server is running, per its liveness probe."""
    try:
        return client.get("/livez").json()["in_flight"]
    except httpx2.TransportError:
        return None


def main() -> None:
    # --8<-- [start:demo]
    child, url = start_service()
    try:
        with fresh_connections(url) as client:
            wait_until(lambda: status_of(client, "/readyz") == 200, "startup")
            print("before SIGTERM: readyz", status_of(client, "/readyz"))
            #> before SIGTERM: readyz 200

            slow_ms = int((DRAIN_S + 3) * 1000)  # still running when the drain ends
            in_flight: list[int | str] = []  # its status, from its own thread
            slow = threading.Thread(
                target=lambda: in_flight.append(
                    status_of(client, f"/work?ms={slow_ms}", timeout=30)
                )
            )
            slow.start()
            wait_until(lambda: in_flight_count(client) == 1, "the slow request")
            child.send_signal(signal.SIGTERM)
            ready, live = status_of(client, "/readyz"), status_of(client, "/livez")
            print("draining: readyz", ready, "livez", live)
            #> draining: readyz 503 livez 200
            print("draining: a new request still gets", status_of(client, "/work"))
            #> draining: a new request still gets 200
            wait_until(lambda: status_of(client, "/livez") in CLOSED, "the close")
            print("after the drain: a new connection is", status_of(client, "/livez"))
            #> after the drain: a new connection is refused
            slow.join(timeout=30)
            print("the request in flight at SIGTERM finished with", in_flight)
            #> the request in flight at SIGTERM finished with [200]
        print("exit code:", child.wait(timeout=30))
        #> exit code: 0
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(timeout=5)
    # --8<-- [end:demo]


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child-fd"]:
        child_main(int(sys.argv[2]), float(sys.argv[3]))
    else:
        main()
