"""Servers the tests start for themselves: a PostgreSQL primary with a streaming
replica, an etcd cluster.

The long-running servers (PostgreSQL on 5432, Redis, RabbitMQ, NATS...) are the
machine's own. These are different: an example about replication needs a
replica, one about two-phase commit needs `max_prepared_transactions`, one about
Raft needs three etcd members, and none of that belongs on the shared server.
So the first test that names one (`# requires-server: postgres-pair`) starts it
on free loopback ports, its addresses go into the environment variables that
examples/server_settings.py reads, and the end of the test session stops it and
deletes its data. Each pytest-xdist worker starts its own.

Run one by hand for the examples: `python3 -m tests.support.provisioned etcd`
starts it on the default ports and prints the variables until Ctrl-C.
"""

from __future__ import annotations

import atexit
import importlib
import os
import signal
import sys
import time
from collections.abc import Mapping
from typing import Protocol

# name -> the module whose start() brings that server up
PROVISIONERS = {
    "postgres-pair": "tests.support.postgres_pair",
    "etcd": "tests.support.etcd_cluster",
}


class Unavailable(Exception):
    """The server cannot be started here; the message names what to install."""


class Running(Protocol):
    @property
    def env(self) -> Mapping[str, str]: ...

    def stop(self) -> None: ...


_running: dict[str, Running] = {}


def provision(name: str, default_ports: bool = False) -> Mapping[str, str]:
    """Start `name` once per process (raises Unavailable) and export its addresses."""
    if name not in _running:
        module = importlib.import_module(PROVISIONERS[name])
        running: Running = module.start(default_ports=default_ports)
        _running[name] = running
        os.environ.update(running.env)
    return _running[name].env


def stop_all() -> None:
    while _running:
        _, running = _running.popitem()
        running.stop()


atexit.register(stop_all)  # a crash or Ctrl-C in the middle of a run leaves nothing behind


def main(argv: list[str]) -> int:
    if len(argv) != 1 or argv[0] not in PROVISIONERS:
        print(f"usage: python3 -m tests.support.provisioned {{{','.join(PROVISIONERS)}}}", file=sys.stderr)
        return 2
    try:
        env = provision(argv[0], default_ports=True)
    except Unavailable as error:
        print(error, file=sys.stderr)
        return 1
    # `kill` (SIGTERM) would skip atexit and leave the servers running; make it a clean stop.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    for key, value in env.items():
        print(f"export {key}={value}")
    print("# running; Ctrl-C stops it and deletes its data", file=sys.stderr, flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        return 0
    finally:  # also on SystemExit from SIGTERM
        stop_all()


if __name__ == "__main__":
    # Run the copy the provisioners import (tests.support.provisioned), not this
    # __main__ copy, whose Unavailable would be a different class.
    from tests.support.provisioned import main as main_of_the_imported_module

    raise SystemExit(main_of_the_imported_module(sys.argv[1:]))
