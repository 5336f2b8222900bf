"""Files, sockets and pipes are all file descriptors, and RLIMIT_NOFILE caps them.

A child lowers its own soft limit (`ulimit -n`) to 64 and opens files until
open() fails with EMFILE, "Too many open files". The parent's limit is
unchanged: rlimits belong to each process and are inherited at fork.
"""

from __future__ import annotations

import os
import resource
import socket
import subprocess
import sys

# --8<-- [start:child]
CHILD = """
import errno, os, resource
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (64, hard))  # only the soft limit
already = len(os.listdir("/proc/self/fd"))  # stdin/out/err, and the listing's own fd
files = []
try:
    while True:
        files.append(open("/dev/null"))
except OSError as error:
    print(errno.errorcode[error.errno], error.strerror)
    print("opened + already open == 64:", len(files) + already - 1 == 64)
"""


def run_child() -> list[str]:
    """Run CHILD, which exhausts a limit of 64 descriptors; its printed lines."""
    done = subprocess.run(  # noqa: S603 - our interpreter and our script
        [sys.executable, "-c", CHILD],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    return done.stdout.splitlines()


# --8<-- [end:child]


def kinds_of_descriptors() -> list[str]:
    """What /proc/self/fd says each new descriptor points to: file, socket, pipe."""
    read_end, write_end = os.pipe()
    try:
        with open(os.devnull) as file, socket.socket() as sock:
            links = [
                os.readlink(f"/proc/self/fd/{fd}")
                for fd in (file.fileno(), sock.fileno(), read_end)
            ]
    finally:  # the pipe's two ends are closed even if a readlink fails
        os.close(read_end)
        os.close(write_end)
    return [link.split(":")[0] if ":" in link else "file " + link for link in links]


# --8<-- [start:demo]
if __name__ == "__main__":
    print(kinds_of_descriptors())
    #> ['file /dev/null', 'socket', 'pipe']
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    print("soft <= hard:", soft <= hard)
    #> soft <= hard: True
    print(*run_child(), sep="\n")
    """
    EMFILE Too many open files

    opened + already open == 64: True
    """
    print(
        "parent's limit unchanged:",
        resource.getrlimit(resource.RLIMIT_NOFILE) == (soft, hard),
    )
    #> parent's limit unchanged: True
# --8<-- [end:demo]
