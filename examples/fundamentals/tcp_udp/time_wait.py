"""TIME-WAIT: the side that closes first keeps the connection's memory for a while.

The server closes first here, so its side waits in TIME-WAIT (Linux: 60 s)
to absorb stray segments of the old connection and to re-send the last ACK if
it was lost. While it waits, a new listener on the same port needs
SO_REUSEADDR, set on the old listener as well as on the new one.
"""

# requires-tool: ss

from __future__ import annotations

import errno
import re
import socket
import subprocess

TIMEOUT_S = 5.0
# ss prints the time left as "1min", "59sec", "1min2sec" or "900ms".
TIMER = re.compile(r"timer:\(timewait,(?:(\d+)min)?(?:(\d+)sec)?(?:(\d+)ms)?")


def time_wait_entries(port: int, client_port: int) -> list[tuple[str, int]]:
    """(who holds it, seconds left) for the connection between the two ports, from `ss -tano`.

    Both ports are named: a port alone also matches an older connection that
    used the same number (a client of some earlier server on it, for one).
    """
    one_way = f"( sport = :{port} and dport = :{client_port} )"
    other_way = f"( sport = :{client_port} and dport = :{port} )"
    argv = ["ss", "-tanoH", "state", "time-wait", f"( {one_way} or {other_way} )"]
    out = subprocess.run(  # noqa: S603 - ss with arguments we built
        argv, capture_output=True, text=True, timeout=5, check=True
    ).stdout
    entries = []
    for line in out.splitlines():
        local = line.split()[2]
        holder = "server" if local.endswith(f":{port}") else "client"
        entries.append((holder, round(timer_seconds(line))))
    return entries


def timer_seconds(line: str) -> float:
    """The time left on the timewait timer in one line of `ss -o`."""
    timer = TIMER.search(line)
    if timer is None or not any(timer.groups()):
        raise ValueError(f"no timewait timer in {line!r}")
    minutes, secs, millis = (int(part or 0) for part in timer.groups())
    return minutes * 60 + secs + millis / 1000


def serve_once_and_close_first(reuse_address: bool) -> tuple[int, int]:
    """One connection that the server closes first; returns (server port, client port)."""
    with socket.socket() as listener:
        if reuse_address:
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT_S) as client:
            client_port = client.getsockname()[1]
            conn, _ = listener.accept()
            conn.close()  # the server's FIN goes first
            assert client.recv(1) == b""  # the client sees the end and closes too
    return port, client_port


# --8<-- [start:restart]
def restart_listener(port: int) -> str:
    """Try to listen on `port` again at once, as a restarted server would."""
    with socket.socket() as listener:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            listener.bind(("127.0.0.1", port))
        except OSError as error:
            return errno.errorcode[error.errno]
        listener.listen()
        return "listening"


# --8<-- [end:restart]


# --8<-- [start:demo]
if __name__ == "__main__":
    port, client_port = serve_once_and_close_first(reuse_address=False)
    [(holder, seconds)] = time_wait_entries(port, client_port)
    print("TIME-WAIT is held by the", holder)
    #> TIME-WAIT is held by the server
    print("its timer started at 60 s:", 50 < seconds <= 60)
    #> its timer started at 60 s: True
    print("restart when the old listener lacked SO_REUSEADDR:", restart_listener(port))
    #> restart when the old listener lacked SO_REUSEADDR: EADDRINUSE
    port, _ = serve_once_and_close_first(reuse_address=True)
    print("restart when both set SO_REUSEADDR:", restart_listener(port))
    #> restart when both set SO_REUSEADDR: listening
# --8<-- [end:demo]
