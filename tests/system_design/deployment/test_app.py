from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler

from examples.system_design.deployment.app import Server, State, get, main, make_handler, probe

APP = [sys.executable, "-m", "examples.system_design.deployment.app", "serve"]


def test_probes_follow_the_state() -> None:
    state = State()
    server = Server(("127.0.0.1", 0), make_handler(state))
    port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        assert (get(port, "/healthz"), get(port, "/readyz")) == (200, 503)
        state.ready.set()
        assert (get(port, "/readyz"), get(port, "/hello"), get(port, "/nope")) == (200, 200, 404)
        state.draining.set()
        assert (get(port, "/healthz"), get(port, "/readyz")) == (200, 503)  # alive, but no traffic
        assert probe(port) == 0
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_probe_fails_when_nothing_listens() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # bound, not listening: connections are refused
        assert probe(port) == 1


def test_main_without_serve_or_probe_runs_the_self_check(capsys) -> None:
    assert main([]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "probe exit status: 0"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(port: int, path: str, status: int, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            if get(port, path) == status:
                return
        except OSError:
            pass
        time.sleep(0.05)
    raise AssertionError(f"{path} never answered {status}")


def test_sigterm_fails_readiness_keeps_serving_during_the_drain_then_exits() -> None:
    port = free_port()
    env = {**os.environ, "PORT": str(port), "DRAIN_SECONDS": "1"}
    with subprocess.Popen(APP, env=env, cwd=os.getcwd()) as proc:
        try:
            wait_for(port, "/readyz", 200, time.monotonic() + 10)
            proc.send_signal(signal.SIGTERM)
            wait_for(port, "/readyz", 503, time.monotonic() + 2)
            assert get(port, "/hello") == 200  # draining, still serving
            assert proc.wait(timeout=10) == 0
        finally:
            proc.kill()


def test_closing_the_server_waits_for_in_flight_requests() -> None:
    finished = []
    started = threading.Event()

    class Slow(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            started.set()
            time.sleep(0.3)
            self.send_response(204)
            self.end_headers()
            finished.append(self.path)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = Server(("127.0.0.1", 0), Slow)
    port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    client = threading.Thread(target=get, args=(port, "/slow"))
    client.start()
    assert started.wait(timeout=5)  # the request is in flight
    server.shutdown()
    server.server_close()  # the standard ThreadingHTTPServer would return at once
    assert finished == ["/slow"]
    client.join(timeout=5)
    thread.join(timeout=5)
