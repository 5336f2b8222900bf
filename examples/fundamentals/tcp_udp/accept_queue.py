"""What a full accept queue does: a listener with backlog 1 that never accepts.

The kernel finishes handshakes by itself and parks the connections in the
listener's accept queue until the application calls accept(). When that queue
is full, Linux drops new SYNs: the client is not refused, it just waits,
resending its SYN, until its own timeout. `ss -lnt` shows the queue (Recv-Q)
against its limit (Send-Q), and the kernel counts every drop.
"""

# requires-tool: ss

from __future__ import annotations

import socket
import subprocess
from pathlib import Path

BACKLOG = 1
CLIENTS = 4
CONNECT_TIMEOUT_S = 0.5
SETTINGS = [
    "net/ipv4/tcp_syncookies",
    "net/ipv4/tcp_abort_on_overflow",
    "net/core/somaxconn",
]


def sysctl(name: str) -> str:
    return Path("/proc/sys", name).read_text().strip()


def listen_overflows() -> int:
    """TcpExt ListenOverflows: SYNs and handshakes dropped because a queue was full."""
    lines = Path("/proc/net/netstat").read_text().splitlines()
    names, values = lines[0].split(), lines[1].split()
    return int(dict(zip(names, values, strict=True))["ListenOverflows"])


def queue_as_ss_shows_it(port: int) -> tuple[int, int]:
    """(connections waiting for accept(), the queue's limit) for a listener."""
    argv = ["ss", "-lntH", f"sport = :{port}"]
    out = subprocess.run(  # noqa: S603 - ss with arguments we built
        argv, capture_output=True, text=True, timeout=5, check=True
    ).stdout
    _, waiting, limit, *_ = out.split()
    return int(waiting), int(limit)


# --8<-- [start:fill]
def fill_the_queue() -> tuple[list[str], tuple[int, int], bool]:
    overflows_before = listen_overflows()
    clients, results = [], []
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(BACKLOG)  # and never accept()
        port = listener.getsockname()[1]
        try:
            for _ in range(CLIENTS):
                client = socket.socket()
                clients.append(client)
                client.settimeout(CONNECT_TIMEOUT_S)
                try:
                    client.connect(("127.0.0.1", port))
                    results.append("connected")
                except TimeoutError:
                    results.append("timed out (SYN dropped, no answer)")
            queue = queue_as_ss_shows_it(port)
        finally:
            for client in clients:
                client.close()
    return results, queue, listen_overflows() > overflows_before


# --8<-- [end:fill]


# --8<-- [start:demo]
if __name__ == "__main__":
    for name in SETTINGS:
        print(f"{name.split('/')[-1]} = {sysctl(name)}")
        #> tcp_syncookies = 1
        #> tcp_abort_on_overflow = 0
        #> somaxconn = 4096
    results, (waiting, limit), counted = fill_the_queue()
    for number, result in enumerate(results, start=1):
        print(f"client {number}: {result}")
        #> client 1: connected
        #> client 2: connected
        #> client 3: timed out (SYN dropped, no answer)
        #> client 4: timed out (SYN dropped, no answer)
    print(f"ss: {waiting} waiting for accept(), limit {limit}")
    #> ss: 2 waiting for accept(), limit 1
    print("ListenOverflows went up:", counted)
    #> ListenOverflows went up: True
# --8<-- [end:demo]
