"""Throwaway Linux network namespaces: private hosts for watching TCP misbehave.

A network namespace has its own interfaces, addresses, routes, sockets and
counters. The examples on this page make one or two, run their traffic there,
and delete them afterwards, so a capture shows only their own packets and a
counter moves only because of them. Nothing in a namespace is routed to any
real network: the only link is a veth pair between two namespaces made here.

Needs root and iproute2 (`ip netns`). Without them `require_namespaces()`
raises unittest.SkipTest (a test runner reports a skip and the reason);
under CI (CI=true), where the machine is expected to have them, it fails.
"""

# requires-tool: ip

from __future__ import annotations

import ctypes
import os
import secrets
import shutil
import socket
import subprocess
import unittest
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

CLONE_NEWNET = 0x40000000  # from <sched.h>: setns() into a network namespace
COMMAND_TIMEOUT_S = 10
_libc = ctypes.CDLL(None, use_errno=True)


def namespaces_problem() -> str | None:
    """Why network namespaces cannot be made here, or None if they can."""
    if os.geteuid() != 0:
        return "network namespaces need root (run with sudo)"
    if shutil.which("ip") is None:
        return "the `ip` command (iproute2) is not installed"
    return None


def require_namespaces() -> None:
    """Return if namespaces are available; else skip (or fail under CI)."""
    problem = namespaces_problem()
    if problem is None:
        return
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        raise RuntimeError(
            f"{problem}; CI runs as root with iproute2, so this is a failure"
        )
    raise unittest.SkipTest(problem)


def _setns(fd: int) -> None:
    if _libc.setns(fd, CLONE_NEWNET) != 0:  # os.setns arrives in Python 3.12
        error = ctypes.get_errno()
        raise OSError(error, os.strerror(error))


class Namespace:
    """One network namespace with its loopback up; deleted on exit, even on error."""

    def __init__(self, purpose: str) -> None:
        # A random suffix: tests on several workers make namespaces at once.
        self.name = f"hb-{purpose}-{secrets.token_hex(3)}"

    def __enter__(self) -> Namespace:
        require_namespaces()
        self.ip("netns", "add", self.name, inside=False)
        try:
            self.ip("link", "set", "lo", "up")
        except BaseException:
            self.ip("netns", "delete", self.name, inside=False)
            raise
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.ip("netns", "delete", self.name, inside=False)

    def ip(self, *args: str, inside: bool = True) -> str:
        """Run `ip` (with `-n NAME` unless told otherwise) and return its output."""
        prefix = ["ip", "-n", self.name] if inside else ["ip"]
        return run([*prefix, *args])

    def run(self, *argv: str) -> str:
        """Run a program inside the namespace and return what it printed."""
        return run(["ip", "netns", "exec", self.name, *argv])

    def popen(self, *argv: str) -> subprocess.Popen[str]:
        """Start a long-running program (tcpdump) inside the namespace."""
        return subprocess.Popen(  # noqa: S603 - ip netns exec, arguments we built
            ["ip", "netns", "exec", self.name, *argv],  # noqa: S607 - iproute2 on PATH
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    @contextmanager
    def entered(self) -> Iterator[None]:
        """Run this thread inside the namespace for a moment.

        A socket belongs to the namespace it was created in for its whole
        life, so creating sockets here and using them anywhere is enough.
        """
        here = os.open("/proc/thread-self/ns/net", os.O_RDONLY)
        there = os.open(f"/run/netns/{self.name}", os.O_RDONLY)
        try:
            _setns(there)
            try:
                yield
            finally:
                _setns(
                    here
                )  # always come back, or later code runs in a deleted namespace
        finally:
            os.close(here)
            os.close(there)

    def socket(self, kind: socket.SocketKind = socket.SOCK_STREAM) -> socket.socket:
        """An IPv4 socket that lives in this namespace."""
        with self.entered():
            return socket.socket(socket.AF_INET, kind)

    def set_sysctl(self, name: str, value: int) -> None:
        """Set a network sysctl (`net/ipv4/tcp_sack`) in this namespace only."""
        with (
            self.entered()
        ):  # /proc/sys/net shows the namespace of the thread that opens it
            Path("/proc/sys", name).write_text(f"{value}\n")

    def counters(self) -> dict[str, int]:
        """The kernel's TCP counters of this namespace (/proc/net/netstat, TcpExt)."""
        lines = self.run("cat", "/proc/net/netstat").splitlines()
        names, values = lines[0].split()[1:], lines[1].split()[1:]
        return dict(zip(names, map(int, values), strict=True))


def run(argv: list[str]) -> str:
    result = subprocess.run(  # noqa: S603 - fixed programs, arguments we built
        argv, capture_output=True, text=True, timeout=COMMAND_TIMEOUT_S, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed: {result.stderr.strip()}")
    return result.stdout


@dataclass(frozen=True)
class Host:
    """A namespace on one end of a veth pair, with its address."""

    namespace: Namespace
    device: str
    address: str

    def socket(self, kind: socket.SocketKind = socket.SOCK_STREAM) -> socket.socket:
        return self.namespace.socket(kind)

    @contextmanager
    def dropping_arrivals(self) -> Iterator[None]:
        """Make this host silently drop every packet that arrives for it.

        With its address removed, the kernel still sees each packet arrive on
        the interface (tcpdump there shows it), then discards it: the address
        is not its own and a new namespace does not forward. Nothing answers,
        as with a crashed host or a cut cable. The sockets stay open.
        """
        self.namespace.ip("addr", "del", f"{self.address}/{PREFIX}", "dev", self.device)
        try:
            yield
        finally:
            self.namespace.ip(
                "addr", "add", f"{self.address}/{PREFIX}", "dev", self.device
            )


# RFC 5737's documentation range: on this link only, never routed anywhere.
PREFIX = 24
CLIENT_ADDRESS, SERVER_ADDRESS = "192.0.2.1", "192.0.2.2"
CLIENT_MAC, SERVER_MAC = "02:00:00:00:00:01", "02:00:00:00:00:02"


@contextmanager
def two_hosts() -> Iterator[tuple[Host, Host]]:
    """A client and a server namespace joined by a veth pair (a virtual cable)."""
    with Namespace("client") as client_ns, Namespace("server") as server_ns:
        client_ns.ip(
            "link", "add", "veth0", "address", CLIENT_MAC, "type", "veth",
            "peer", "name", "veth0", "netns", server_ns.name, "address", SERVER_MAC,
        )  # fmt: skip
        client = Host(client_ns, "veth0", CLIENT_ADDRESS)
        server = Host(server_ns, "veth0", SERVER_ADDRESS)
        for host, peer in ((client, server), (server, client)):
            host.namespace.ip(
                "addr", "add", f"{host.address}/{PREFIX}", "dev", host.device
            )
            host.namespace.ip("link", "set", host.device, "up")
            # Static neighbors: no ARP traffic in the captures, and a dropped
            # address does not make the peer's kernel hold packets back.
            peer_mac = SERVER_MAC if peer is server else CLIENT_MAC
            host.namespace.ip(
                "neigh", "replace", peer.address, "lladdr", peer_mac,
                "dev", host.device, "nud", "permanent",
            )  # fmt: skip
        yield client, server


if __name__ == "__main__":
    with Namespace("demo") as namespace:
        links = namespace.ip("-brief", "link").split()
        print("a new namespace has only:", links[0])
        #> a new namespace has only: lo
        print("TCP counters start at zero:", set(namespace.counters().values()) == {0})
        #> TCP counters start at zero: True
