"""Run a three-member etcd cluster on loopback: start it, kill members, cut one off.

    cluster = start()
    leader = cluster.leader()
    cluster.kill(leader)          # SIGKILL: a crash, no leadership transfer
    cluster.wait_for_leader(among=[m for m in cluster.members if m is not leader])
    cluster.restart(leader)       # same data directory: it returns with its log
    cluster.stop()                # kills every member and deletes the data

Every member runs /usr/bin/etcd (Debian's etcd-server package; another binary
through HANDBOOK_ETCD_BINARY) with etcd's default timing: 100 ms heartbeat,
1,000 ms election timeout, pre-vote off (etcd 3.4). Its data and its log go to
one tempfile.mkdtemp() folder; every call to a member has a timeout.

A partition. With start(partitionable=True) the members reach each other only
through PeerProxy objects, one in front of each member's peer port, and
cluster.isolate(member) cuts one member off, both ways, while every process
keeps running; cluster.heal() joins it again. The proxy learns which member
dialed a connection from the kernel (see dialing_pid), not from what the
connection carries, so nothing crosses the cut: not Raft messages, not the
lease renewals a follower forwards to its leader, not health probes. The cut
is loud: a refused connection is closed at once, where a real partition is
often silent until TCP gives up. Both lose every message across it.

The tests start these clusters through tests/support/etcd_cluster.py.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

ETCD = Path(os.environ.get("HANDBOOK_ETCD_BINARY", "/usr/bin/etcd"))
NAMES = ("etcd1", "etcd2", "etcd3")
# (client, peer) per member, what examples/server_settings.py assumes by default
DEFAULT_PORTS = ((2379, 2380), (22379, 22380), (32379, 32380))
HEALTHY_WITHIN_SECONDS = 20.0
REQUEST_TIMEOUT_SECONDS = 2.0
STOP_WITHIN_SECONDS = 10.0
# Free ports are picked, then bound by etcd: another process can take one between.
START_ATTEMPTS = 3


class EtcdNotInstalled(RuntimeError):
    """The etcd binary is missing; the message names the package to install."""


class ClusterError(RuntimeError):
    """The cluster did not get where it was asked to in time; the message has the logs."""


@dataclass
class Member:
    name: str
    client_url: str
    peer_url: str  # the address the others dial: the proxy's, when there is one
    data_dir: Path
    log_path: Path
    command: list[str]
    process: subprocess.Popen[bytes] | None = None
    # every pid this member has had, so teardown can check all of them are gone
    pids: list[int] = field(default_factory=list)

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def log_tail(self, lines: int = 15) -> str:
        try:
            text = self.log_path.read_text("utf-8", errors="replace")
        except OSError:
            return "(no log)"
        return "\n".join(text.splitlines()[-lines:])


def _post(url: str, path: str, timeout: float, body: Mapping[str, object]) -> dict:
    request = urllib.request.Request(  # noqa: S310 (a loopback http URL built here)
        url + path,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
        return json.loads(response.read() or b"{}")


def member_status(
    member: Member, timeout: float = REQUEST_TIMEOUT_SECONDS
) -> dict | None:
    """The member's /v3/maintenance/status answer, or None if it does not answer."""
    try:
        return _post(member.client_url, "/v3/maintenance/status", timeout, {})
    except (OSError, ValueError):  # refused, reset, timed out, or not JSON yet
        return None


def _free_ports(count: int) -> list[int]:
    """`count` distinct ports the kernel reports free on 127.0.0.1 right now."""
    sockets = []
    try:
        for _ in range(count):
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.bind(("127.0.0.1", 0))
            sockets.append(s)
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


# -- who dialed: the kernel knows ------------------------------------------------


def _proc_address(host: str, port: int) -> str:
    # /proc/net/tcp prints an IPv4 address as the kernel stores it (network
    # byte order) read as a native integer, then the port, both in hex.
    native = int.from_bytes(socket.inet_aton(host), sys.byteorder)
    return f"{native:08X}:{port:04X}"


def dialing_pid(conn: socket.socket, candidates: Iterable[int]) -> int | None:
    """Which of the `candidates` processes holds the other end of `conn`.

    `conn` is a loopback TCP connection this process accepted. The dialer's
    socket is the row of /proc/net/tcp whose local address is conn's remote
    one and the reverse; its inode shows up as `socket:[inode]` among the
    open files of the process that owns it. Linux only; None when no
    candidate holds it (the dialer is another process, or has closed).
    """
    theirs = _proc_address(*conn.getpeername()[:2])
    ours = _proc_address(*conn.getsockname()[:2])
    inodes = set()
    with open("/proc/net/tcp", encoding="ascii") as table:
        next(table)  # the header
        for row in table:
            fields = row.split()
            if fields[1] == theirs and fields[2] == ours and fields[9] != "0":
                inodes.add(f"socket:[{fields[9]}]")  # inode 0: a closed socket
    if not inodes:
        return None
    for pid in candidates:
        try:
            entries = list(Path(f"/proc/{pid}/fd").iterdir())
        except OSError:  # the process is gone
            continue
        for entry in entries:
            with contextlib.suppress(OSError):  # that file was closed meanwhile
                if os.readlink(entry) in inodes:
                    return pid
    return None


class PeerProxy:
    """Forwards TCP from `listen_port` to a member's peer port; can cut dialers off.

    `dialers()` maps the pid of each member process to its name. refuse(names)
    closes the connections those members dialed and every one they open
    later; refuse(everyone=True) does that for all: the member behind this
    proxy is cut off. While anything is refused, a connection whose dialer
    cannot be named is closed too, so nothing unexplained crosses a cut.
    Bytes inside the proxy when a connection closes are lost with it, as
    they are on a broken network.
    """

    def __init__(
        self,
        listen_port: int,
        target_port: int,
        dialers: Callable[[], Mapping[int, str]],
    ) -> None:
        self.target_port = target_port
        self._dialers = dialers
        self._server = socket.create_server(("127.0.0.1", listen_port))
        self._lock = threading.Lock()
        self._links: list[tuple[str, socket.socket, socket.socket]] = []
        self._threads: list[threading.Thread] = []
        self._refused: set[str] = set()
        self._everyone = False
        self._closed = False
        self._thread(self._accept, f"peer-proxy-{listen_port}")

    def _thread(self, target: Callable[..., None], name: str, *args: object) -> None:
        thread = threading.Thread(target=target, args=args, name=name, daemon=True)
        with self._lock:
            self._threads = [t for t in self._threads if t.is_alive()] + [thread]
        thread.start()

    def _blocked(self, dialer: str) -> bool:
        """Whether a connection from `dialer` ("" when unknown) must not pass."""
        cut = self._everyone or bool(self._refused)
        return (
            self._closed
            or self._everyone
            or dialer in self._refused
            or (cut and not dialer)
        )

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._server.accept()
            except OSError:
                return  # close() shut the listening socket down
            self._thread(self._serve, "peer-proxy-link", client)

    def _serve(self, client: socket.socket) -> None:
        names = self._dialers()
        try:
            dialer = names.get(dialing_pid(client, names), "")
            upstream = socket.create_connection(("127.0.0.1", self.target_port), 5)
        except OSError:
            client.close()
            return
        with self._lock:
            if self._blocked(dialer):
                client.close()
                upstream.close()
                return
            self._links.append((dialer, client, upstream))
            upstream.settimeout(None)  # under the lock: refuse() may close it next
        self._thread(self._pump, "peer-proxy-pump", upstream, client)
        self._pump(client, upstream)

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        self._drop(source, sink)

    def _drop(self, a: socket.socket, b: socket.socket) -> None:
        with self._lock:
            self._links = [
                link for link in self._links if a not in link[1:] and b not in link[1:]
            ]
        for s in (a, b):
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)  # wakes the pump reading the other way
            s.close()

    def refuse(self, names: Iterable[str] = (), everyone: bool = False) -> None:
        with self._lock:
            self._refused |= set(names)
            self._everyone = self._everyone or everyone
            doomed = [link for link in self._links if self._blocked(link[0])]
        for _, client, upstream in doomed:
            self._drop(client, upstream)

    def allow_all(self) -> None:
        with self._lock:
            self._refused.clear()
            self._everyone = False

    def close(self) -> None:
        """Stop listening, close every connection, and wait for every thread to end."""
        with self._lock:
            self._closed = True
            links = list(self._links)
        with contextlib.suppress(OSError):
            # close() alone leaves a thread blocked in accept() on Linux
            self._server.shutdown(socket.SHUT_RDWR)
        self._server.close()
        for _, client, upstream in links:
            self._drop(client, upstream)
        deadline = time.monotonic() + STOP_WITHIN_SECONDS
        while self.threads_alive() and time.monotonic() < deadline:
            time.sleep(
                0.01
            )  # a link thread may start one more pump before it sees the end

    def threads_alive(self) -> int:
        with self._lock:
            return sum(t.is_alive() for t in self._threads)


# -- the cluster --------------------------------------------------------------------


class Cluster:
    """Three etcd processes that form one cluster; see the module docstring."""

    def __init__(
        self,
        root: Path,
        ports: Iterable[tuple[int, int]],
        proxy_ports: Iterable[int] | None = None,
    ) -> None:
        """ports: (client, peer) per member. proxy_ports: one per member, where a
        PeerProxy listens and forwards to its peer port; the members are told to
        dial those (see start(partitionable=True))."""
        self.root = root
        self.token = f"handbook-{os.getpid()}-{root.name}"
        self.members: list[Member] = []
        self.proxies: dict[str, PeerProxy] = {}
        ports = list(ports)
        peers = [peer for _, peer in ports]
        proxy_ports = None if proxy_ports is None else list(proxy_ports)
        advertised = peers if proxy_ports is None else proxy_ports
        initial_cluster = ",".join(
            f"{name}=http://127.0.0.1:{port}"
            for name, port in zip(NAMES, advertised, strict=True)
        )
        for name, (client, peer), port in zip(NAMES, ports, advertised, strict=True):
            client_url = f"http://127.0.0.1:{client}"
            peer_url = f"http://127.0.0.1:{port}"
            data_dir = root / f"{name}.data"
            command = [
                str(ETCD),
                f"--name={name}",
                f"--data-dir={data_dir}",
                f"--listen-client-urls={client_url}",
                f"--advertise-client-urls={client_url}",
                f"--listen-peer-urls=http://127.0.0.1:{peer}",
                f"--initial-advertise-peer-urls={peer_url}",
                f"--initial-cluster={initial_cluster}",
                f"--initial-cluster-token={self.token}",
                # ignored on a restart: the data directory has the membership
                "--initial-cluster-state=new",
                "--logger=zap",
                "--log-outputs=stderr",
            ]
            log_path = root / f"{name}.log"
            member = Member(name, client_url, peer_url, data_dir, log_path, command)
            self.members.append(member)
        try:
            for name, port, peer in zip(NAMES, proxy_ports or (), peers, strict=False):
                self.proxies[name] = PeerProxy(port, peer, self._member_pids)
        except OSError:  # a proxy port was taken in between
            self.stop()
            raise

    # -- addresses -----------------------------------------------------------

    @property
    def endpoints(self) -> list[str]:
        return [m.client_url for m in self.members]

    @property
    def env(self) -> dict[str, str]:
        """What examples/server_settings.py etcd_endpoints() reads."""
        return {"HANDBOOK_ETCD_ENDPOINTS": ",".join(self.endpoints)}

    def member(self, name: str) -> Member:
        for m in self.members:
            if m.name == name:
                return m
        names = ", ".join(m.name for m in self.members)
        raise KeyError(f"no member named {name!r}; members: {names}")

    def running(self) -> list[Member]:
        """Members whose process is alive."""
        return [m for m in self.members if m.running]

    def _member_pids(self) -> dict[int, str]:
        return {m.process.pid: m.name for m in self.members if m.running}

    # -- processes -----------------------------------------------------------

    def launch(self, member: Member) -> None:
        """Start one member's process and return at once (restart() also waits)."""
        if member.running:
            raise RuntimeError(f"{member.name} is already running")
        with member.log_path.open("ab") as log:
            member.process = subprocess.Popen(  # noqa: S603 (our own fixed command)
                member.command,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        member.pids.append(member.process.pid)

    def kill(self, member: Member, sig: signal.Signals = signal.SIGKILL) -> None:
        """Stop one member with `sig` (SIGKILL: a crash) and wait until it exits."""
        if not member.running:
            return
        member.process.send_signal(sig)
        try:
            member.process.wait(timeout=STOP_WITHIN_SECONDS)
        except subprocess.TimeoutExpired:
            member.process.kill()
            member.process.wait(timeout=STOP_WITHIN_SECONDS)

    def restart(self, member: Member, timeout: float = HEALTHY_WITHIN_SECONDS) -> None:
        """Start a stopped member again on its old data; wait until it follows a leader."""

        def follows() -> bool:
            status = member_status(member)
            return status is not None and status.get("leader", "0") != "0"

        self.launch(member)
        self._wait(follows, [member], timeout)

    # -- the network between them ----------------------------------------------

    def isolate(self, member: Member) -> None:
        """Cut `member` off from the other two, both ways (start(partitionable=True))."""
        if not self.proxies:
            raise RuntimeError(
                "this cluster was started without peer proxies: start(partitionable=True)"
            )
        for name, proxy in self.proxies.items():
            if name == member.name:
                proxy.refuse(everyone=True)  # nobody reaches it
            else:
                proxy.refuse([member.name])  # it reaches nobody

    def heal(self) -> None:
        """Let every member reach every other again."""
        for proxy in self.proxies.values():
            proxy.allow_all()

    # -- who leads -------------------------------------------------------------

    def leader(self, among: Iterable[Member] | None = None) -> Member | None:
        """The member that `among` (default: the running members) agree leads, if they do."""
        candidates = list(self.running() if among is None else among)
        by_id: dict[str, Member] = {}
        named: set[str] = set()
        for m in candidates:
            status = member_status(m)
            if status is None:
                return None
            named.add(status.get("leader", "0"))
            by_id[status["header"]["member_id"]] = m
        if len(named) != 1 or "0" in named:
            return None
        return by_id.get(named.pop())

    def wait_for_leader(
        self,
        among: Iterable[Member] | None = None,
        timeout: float = HEALTHY_WITHIN_SECONDS,
    ) -> Member:
        """Poll until `among` (default: the running members) agree on a leader among them."""
        members = list(self.running() if among is None else among)
        found: list[Member] = []

        def agreed() -> bool:
            leader = self.leader(members)
            if leader is not None:
                found.append(leader)
            return leader is not None

        self._wait(agreed, members, timeout)
        return found[-1]

    def wait_healthy(self, timeout: float = HEALTHY_WITHIN_SECONDS) -> None:
        """All three agree on a leader, and a linearizable read through each succeeds."""
        self.wait_for_leader(self.members, timeout)
        for m in self.members:
            self._wait(lambda m=m: self._linearizable_read_ok(m), [m], timeout)

    @staticmethod
    def _linearizable_read_ok(member: Member) -> bool:
        key = base64.b64encode(b"handbook/health").decode()
        try:
            _post(
                member.client_url, "/v3/kv/range", REQUEST_TIMEOUT_SECONDS, {"key": key}
            )
            return True
        except (OSError, ValueError):
            return False

    def _wait(
        self, condition: Callable[[], bool], members: list[Member], timeout: float
    ) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            dead = [m.name for m in members if not m.running]
            if dead or time.monotonic() > deadline:
                why = (
                    f"{', '.join(dead)} exited"
                    if dead
                    else f"not ready in {timeout:.0f} s"
                )
                logs = "\n".join(
                    f"--- {m.name} ({m.log_path}) ---\n{m.log_tail()}" for m in members
                )
                raise ClusterError(f"etcd cluster in {self.root}: {why}\n{logs}")
            time.sleep(0.05)

    # -- the end -----------------------------------------------------------------

    def stop(self) -> None:
        """Kill every member, close the proxies, delete the data. Safe to call twice."""
        for m in self.members:
            self.kill(m)
        for proxy in self.proxies.values():
            proxy.close()
        shutil.rmtree(self.root, ignore_errors=True)

    def leftovers(self) -> list[str]:
        """What this cluster left behind after stop(): live processes, proxy threads, data."""
        left = []
        for m in self.members:
            for pid in m.pids:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(
                        pid, 0
                    )  # a zombie would answer too, but Popen.wait reaped it
                    left.append(f"{m.name}: process {pid}")
        for name, proxy in self.proxies.items():
            if alive := proxy.threads_alive():
                left.append(f"{name}'s proxy: {alive} threads")
        if self.root.exists():
            left.append(f"data in {self.root}")
        return left


def start(default_ports: bool = False, partitionable: bool = False) -> Cluster:
    """Start three members on loopback and wait until they are healthy.

    default_ports: the DEFAULT_PORTS; otherwise free ports. partitionable: the
    members talk through PeerProxy objects, so isolate() and heal() work.
    Raises EtcdNotInstalled, or ClusterError when the cluster does not come up.
    """
    if not os.access(ETCD, os.X_OK):
        raise EtcdNotInstalled(
            f"{ETCD} not found: install etcd-server (apt-get install etcd-server)"
        )
    attempts = 1 if default_ports else START_ATTEMPTS
    for attempt in range(1, attempts + 1):
        free = _free_ports(9)
        ports = (
            DEFAULT_PORTS
            if default_ports
            else list(zip(free[0:6:2], free[1:6:2], strict=True))
        )
        proxy_ports = free[6:9] if partitionable else None
        try:
            cluster = Cluster(
                Path(tempfile.mkdtemp(prefix="handbook-etcd-")), ports, proxy_ports
            )
        except OSError:  # a proxy port was taken in between
            if attempt == attempts:
                raise
            continue
        try:
            for m in cluster.members:
                cluster.launch(m)
            cluster.wait_healthy()
            return cluster
        except ClusterError:
            taken = any(
                "address already in use" in m.log_tail(50) for m in cluster.members
            )
            cluster.stop()
            if not taken or attempt == attempts:
                raise
        except BaseException:
            cluster.stop()
            raise
    raise AssertionError("unreachable")
