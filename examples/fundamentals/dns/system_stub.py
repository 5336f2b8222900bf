"""The real stub: glibc's getaddrinfo() asking our recursive resolver, inside a network namespace.

See glibc_demo.py for it in use (as root).
A throwaway namespace gets its own loopback, our tree of servers and our
recursive resolver on 127.0.0.1:53 inside it, and a resolv.conf of its own in
/etc/netns/<name>/, which `ip netns exec` mounts over /etc/resolv.conf for
the programs it starts. The namespace and that folder are removed afterwards.
"""

# requires-tool: ip

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from examples.fundamentals.dns.cache import ManualClock
from examples.fundamentals.dns.hierarchy import running_hierarchy
from examples.fundamentals.dns.recursive import RecursiveService
from examples.fundamentals.dns.server import QueryLog, serve_dns
from examples.fundamentals.tcp_udp.netns import Namespace

LOOKUP_TIMEOUT_S = 10  # the whole child process; resolv.conf keeps each try at 1 s
# One line of Python run by the namespace's own interpreter: what the OS resolves.
GETADDRINFO = (
    "import socket, sys; "
    "print(sorted({a[4][0] for a in socket.getaddrinfo(sys.argv[1], 443, "
    "type=socket.SOCK_STREAM)}))"
)


@dataclass(frozen=True)
class SystemStub:
    """A namespace whose resolv.conf points at our resolver, and that resolver's query log."""

    namespace: Namespace
    log: QueryLog

    def getaddrinfo(self, name: str) -> str:
        """What socket.getaddrinfo(name) returns to a process in the namespace."""
        argv = ["ip", "netns", "exec", self.namespace.name]
        argv += [sys.executable, "-c", GETADDRINFO, name]
        result = subprocess.run(  # noqa: S603 - our interpreter, arguments we built
            argv, capture_output=True, text=True, timeout=LOOKUP_TIMEOUT_S, check=False
        )
        return (result.stdout or result.stderr.strip().splitlines()[-1]).strip()


@contextmanager
def system_stub(resolv_conf: str) -> Iterator[SystemStub]:
    """A namespace with our servers inside and `resolv_conf` as its /etc/resolv.conf."""
    with Namespace("dns") as namespace, ExitStack() as stack:
        folder = Path("/etc/netns") / namespace.name
        folder.mkdir(parents=True)
        stack.callback(shutil.rmtree, folder)
        (folder / "resolv.conf").write_text(resolv_conf)
        with namespace.entered():  # the servers' sockets and threads live inside it
            tree = stack.enter_context(running_hierarchy())
            service = RecursiveService(tree.resolver(ManualClock()))
            resolver = stack.enter_context(serve_dns(service, port=53))
        yield SystemStub(namespace, resolver.log)
