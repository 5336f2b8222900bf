"""The cluster launcher itself: a missing binary, how it names members, and the partitioning proxy."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from examples.system_design.consensus import local_cluster
from tests.support import etcd_cluster
from tests.support.provisioned import Unavailable


def test_a_missing_binary_names_the_package_to_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(local_cluster, "ETCD", tmp_path / "no-etcd-here")
    with pytest.raises(local_cluster.EtcdNotInstalled, match="install etcd-server"):
        local_cluster.start()
    with pytest.raises(Unavailable, match="install etcd-server"):  # what the tests see: a skip, or under CI a failure
        etcd_cluster.start()


def test_members_have_their_own_ports_and_data(tmp_path: Path) -> None:
    cluster = local_cluster.Cluster(tmp_path, [(1001, 1002), (1003, 1004), (1005, 1006)])
    assert cluster.env == {
        "HANDBOOK_ETCD_ENDPOINTS": "http://127.0.0.1:1001,http://127.0.0.1:1003,http://127.0.0.1:1005"
    }
    assert len({m.data_dir for m in cluster.members}) == 3
    assert cluster.member("etcd2").client_url == "http://127.0.0.1:1003"
    assert cluster.member("etcd2").peer_url == "http://127.0.0.1:1004"
    with pytest.raises(KeyError, match="no member named 'etcd9'"):
        cluster.member("etcd9")
    assert cluster.running() == []
    cluster.stop()  # nothing started: still safe
    assert cluster.leftovers() == []


def test_isolate_needs_a_cluster_started_with_proxies(tmp_path: Path) -> None:
    cluster = local_cluster.Cluster(tmp_path, [(1001, 1002), (1003, 1004), (1005, 1006)])
    with pytest.raises(RuntimeError, match="partitionable=True"):
        cluster.isolate(cluster.members[0])
    cluster.stop()


def test_with_proxies_the_members_advertise_the_proxy_ports(tmp_path: Path) -> None:
    ports = local_cluster._free_ports(3)
    cluster = local_cluster.Cluster(tmp_path, [(1001, 1002), (1003, 1004), (1005, 1006)], iter(ports))
    try:
        assert [m.peer_url for m in cluster.members] == [f"http://127.0.0.1:{p}" for p in ports]
        assert "--listen-peer-urls=http://127.0.0.1:1004" in cluster.member("etcd2").command
    finally:
        cluster.stop()
    assert cluster.leftovers() == []


# -- the proxy ------------------------------------------------------------------------


@pytest.fixture
def echo_port() -> Iterator[int]:
    server = socket.create_server(("127.0.0.1", 0))

    def serve() -> None:
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            threading.Thread(target=echo, args=(conn,), daemon=True).start()

    def echo(conn: socket.socket) -> None:
        with conn:
            while data := conn.recv(4096):
                conn.sendall(data)

    threading.Thread(target=serve, daemon=True).start()
    yield server.getsockname()[1]
    server.shutdown(socket.SHUT_RDWR)
    server.close()


DIAL = """
import socket, sys
with socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=5) as s:
    print("connected", flush=True)
    s.sendall(b"hello")
    got = b""
    try:
        while len(got) < 5 and (chunk := s.recv(4096)):
            got += chunk
    except OSError:
        pass
    print(got.decode(), flush=True)
    sys.stdin.read()  # keep the connection open until the test is done
"""


def dial_from_another_process(port: int) -> tuple[subprocess.Popen[str], str]:
    """(the process, what came back through `port`) for a connection another process opened."""
    child = subprocess.Popen(
        [sys.executable, "-c", DIAL, str(port)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert child.stdout.readline() == "connected\n"
    return child, child.stdout.readline().strip()


def finish(child: subprocess.Popen[str]) -> None:
    child.stdin.close()
    child.wait(timeout=5)


def echo_through(port: int) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=2) as s:
        s.sendall(b"hello")
        received = b""
        try:
            while len(received) < 5 and (chunk := s.recv(4096)):
                received += chunk
        except OSError:  # reset: dropped
            pass
        return received


def closed_by_peer(conn: socket.socket) -> bool:
    try:
        return conn.recv(5) == b""
    except ConnectionResetError:
        return True


def test_dialing_pid_names_the_process_that_opened_the_connection() -> None:
    with socket.create_server(("127.0.0.1", 0)) as server:
        port = server.getsockname()[1]
        with socket.create_connection(("127.0.0.1", port), timeout=2):
            conn, _ = server.accept()
            with conn:
                assert local_cluster.dialing_pid(conn, [12345678, os.getpid()]) == os.getpid()
                assert local_cluster.dialing_pid(conn, [12345678]) is None
        child = subprocess.Popen(
            [sys.executable, "-c", DIAL, str(port)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        try:
            conn, _ = server.accept()
            with conn:
                assert local_cluster.dialing_pid(conn, [os.getpid(), child.pid]) == child.pid
        finally:
            child.kill()
            child.wait(timeout=5)


def test_the_proxy_cuts_by_who_dialed_whatever_the_connection_carries(echo_port: int) -> None:
    listen = local_cluster._free_ports(1)[0]
    proxy = local_cluster.PeerProxy(listen, echo_port, lambda: {os.getpid(): "me"})
    try:
        assert echo_through(listen) == b"hello"
        child, got = dial_from_another_process(listen)  # a dialer the proxy cannot name
        assert got == "hello"  # passes while nothing is cut
        finish(child)

        open_before = socket.create_connection(("127.0.0.1", listen), timeout=2)
        open_before.sendall(b"hello")
        assert open_before.recv(5) == b"hello"
        proxy.refuse(["me"])
        assert closed_by_peer(open_before)  # the connection it had open is closed
        open_before.close()
        assert echo_through(listen) == b""  # and new ones are refused
        child, got = dial_from_another_process(listen)
        assert got == ""  # while a cut is in force, an unnamed dialer does not pass either
        finish(child)

        proxy.allow_all()
        assert echo_through(listen) == b"hello"
        proxy.refuse(everyone=True)
        assert echo_through(listen) == b""
    finally:
        proxy.close()
    assert proxy.threads_alive() == 0  # close() waited for every thread, the accept loop too
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", listen), timeout=1)
