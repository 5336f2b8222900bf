"""The service the Dockerfile packages: standard library only, so the image needs no pip.

`python app.py serve` listens on $PORT (default 8080) on all interfaces until SIGTERM,
then drains: /readyz fails for $DRAIN_SECONDS (default 5) while it still serves, and
the in-flight requests finish before the process exits.
`python app.py probe` asks the local /healthz once and exits 0 or 1 (the HEALTHCHECK).
Any other invocation runs a self-check on a free loopback port and exits.

Endpoints: `/healthz` says the process can answer (liveness: no dependency checks);
`/readyz` says it should get traffic (readiness: 503 while starting or draining).
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PROBE_TIMEOUT = 2.0  # seconds; below the HEALTHCHECK --timeout so a hang is a failure


class Server(ThreadingHTTPServer):
    """ThreadingHTTPServer whose close waits for in-flight requests.

    The standard class runs each request in a daemon thread and does not wait for
    them, so a process that exits after shutdown() would cut them off mid-response.
    """

    daemon_threads = False  # server_close() joins the request threads


class State:
    """What the probes report: ready once started, not ready once draining."""

    def __init__(self) -> None:
        self.ready = threading.Event()
        self.draining = threading.Event()


def make_handler(state: State) -> type[BaseHTTPRequestHandler]:
    """A request handler class bound to `state`."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path == "/healthz":
                self._send(200, {"status": "alive"})
            elif self.path == "/readyz":
                ok = state.ready.is_set() and not state.draining.is_set()
                self._send(200 if ok else 503, {"ready": ok})
            elif self.path == "/hello":
                self._send(200, {"message": "hello"})
            else:
                self._send(404, {"error": "not found"})

        def _send(self, status: int, body: dict[str, object]) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: object) -> None:
            pass  # probes every few seconds would flood stdout

    return Handler


def get(port: int, path: str) -> int:
    """Status code of GET `path` on the local server, with a timeout."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=PROBE_TIMEOUT)
    try:
        conn.request("GET", path)
        return conn.getresponse().status
    finally:
        conn.close()


def serve(port: int, drain_seconds: float) -> None:
    """Serve until SIGTERM; then fail readiness, keep serving for `drain_seconds`
    (proxies learn late that the pod is going), stop accepting, finish in-flight
    requests and return. Keep drain time plus the slowest request under the pod's
    terminationGracePeriodSeconds, or the kubelet's SIGKILL cuts them off."""
    state = State()
    # All interfaces: in a container the probes and the Service come from outside.
    address = ("0.0.0.0", port)  # noqa: S104
    server = Server(address, make_handler(state))

    def drain_then_stop() -> None:
        time.sleep(drain_seconds)
        server.shutdown()  # from another thread: serve_forever() must keep running

    def on_sigterm(signum: int, frame: object) -> None:
        if not state.draining.is_set():
            state.draining.set()
            threading.Thread(target=drain_then_stop, daemon=True).start()

    signal.signal(signal.SIGTERM, on_sigterm)
    state.ready.set()
    with server:
        server.serve_forever()


def probe(port: int) -> int:
    """Exit status for HEALTHCHECK: 0 when /healthz answers 200, else 1."""
    try:
        return 0 if get(port, "/healthz") == 200 else 1
    except OSError:
        return 1


def self_check() -> None:
    """Start on a free loopback port, walk the probe states, stop."""
    state = State()
    server = Server(("127.0.0.1", 0), make_handler(state))
    port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        print("starting:", get(port, "/healthz"), get(port, "/readyz"))
        #> starting: 200 503
        state.ready.set()
        print("ready:", get(port, "/healthz"), get(port, "/readyz"))
        #> ready: 200 200
        state.draining.set()
        print("draining:", get(port, "/healthz"), get(port, "/readyz"))
        #> draining: 200 503
        print("probe exit status:", probe(port))
        #> probe exit status: 0
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def main(argv: list[str]) -> int:
    """Dispatch on the first argument: serve, probe, or (anything else) self-check."""
    port = int(os.environ.get("PORT", "8080"))
    if argv[:1] == ["serve"]:
        serve(port, float(os.environ.get("DRAIN_SECONDS", "5")))
        return 0
    if argv[:1] == ["probe"]:
        return probe(port)
    self_check()
    return 0


if __name__ == "__main__":
    status = main(sys.argv[1:])
    if status:
        sys.exit(status)
