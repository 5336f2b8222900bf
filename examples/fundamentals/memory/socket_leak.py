"""A server that forgets to close sockets runs out of descriptors, and accept() fails.

A child lowers its descriptor limit to 64 and runs a loopback server and its
clients in one process. The leaky handler keeps every accepted socket; the
fixed one closes each with `with`. Same limit, same 100 connections.
"""

from __future__ import annotations

import subprocess
import sys

# --8<-- [start:child]
CHILD = """
import errno, resource, socket, sys
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (64, hard))
leaky = sys.argv[1] == "leaky"
kept = []
with socket.create_server(("127.0.0.1", 0)) as listener:
    listener.settimeout(5)
    for served in range(100):
        with socket.create_connection(listener.getsockname(), timeout=5):
            try:
                conn, _ = listener.accept()
            except OSError as error:
                name = errno.errorcode[error.errno]
                print(f"served {served}, then accept failed: {name}")
                sys.exit(1)
            if leaky:
                kept.append(conn)  # the bug: never closed
            else:
                with conn:  # the fix: closed on every path
                    conn.sendall(b"ok")
print("served 100 connections")
"""


def run_server(kind: str) -> tuple[int, str]:
    """Run CHILD as a "leaky" or "fixed" server; its exit code and last line."""
    if kind not in {"leaky", "fixed"}:
        raise ValueError(f"kind must be 'leaky' or 'fixed', got {kind!r}")
    done = subprocess.run(  # noqa: S603 - our interpreter and our script
        [sys.executable, "-c", CHILD, kind],
        stdin=subprocess.DEVNULL,  # fds 0, 1, 2 always open: the count is exact
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return done.returncode, done.stdout.strip()


# --8<-- [end:child]

# --8<-- [start:demo]
if __name__ == "__main__":
    print("leaky:", run_server("leaky"))
    #> leaky: (1, 'served 59, then accept failed: EMFILE')
    print("fixed:", run_server("fixed"))
    #> fixed: (0, 'served 100 connections')
# --8<-- [end:demo]
