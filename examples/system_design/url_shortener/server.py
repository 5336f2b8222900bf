"""The service wired to real servers, listening with uvicorn on a free loopback port.

`service()` opens the PostgreSQL pool and the Redis client and closes them;
`serving()` runs an app in a uvicorn thread and stops it on the way out,
on a socket made with IPPROTO_TCP so that asyncio turns Nagle's algorithm
off on every accepted connection (see examples/uvicorn_server.py);
`spawn()` runs the whole service in a child process, so a load generator in
this process does not share its interpreter, for the benchmark.
"""

# requires-server: postgres, redis

from __future__ import annotations

import argparse
import select
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import redis
import uvicorn
from fastapi import FastAPI

from examples.scratch_postgres import connect
from examples.server_settings import CONNECT_TIMEOUT_SECONDS, redis_url
from examples.system_design.url_shortener.app import Clock, create_app
from examples.system_design.url_shortener.cache import LinkCache
from examples.system_design.url_shortener.clicks import ClickLog
from examples.system_design.url_shortener.ranges import (
    RangeAllocator,
    RangeCodes,
    create_ranges_table,
)
from examples.system_design.url_shortener.store import (
    create_links_table,
    pool_of,
    pooled,
)
from examples.uvicorn_server import listening_socket

# A cache that answers slower than this is worse than none: fall back to the table.
CACHE_TIMEOUT_SECONDS = 0.25
READY_TIMEOUT_SECONDS = 10.0
STOP_TIMEOUT_SECONDS = 5.0
POOL_SIZE = 8
REPO_ROOT = Path(__file__).resolve().parents[3]


def create_tables(schema: str, dsn: str | None = None) -> None:
    """The links table and the counter row, in `schema`."""
    with connect(schema, dsn) as conn:
        create_links_table(conn)
        create_ranges_table(conn)


def redis_client(
    url: str | None = None, timeout: float = CONNECT_TIMEOUT_SECONDS
) -> redis.Redis:
    return redis.Redis.from_url(
        url or redis_url(), socket_timeout=timeout, socket_connect_timeout=timeout
    )


@contextmanager
def service(
    schema: str,
    prefix: str,
    *,
    use_cache: bool = True,
    clock: Clock = lambda: datetime.now(UTC),
    dsn: str | None = None,
    redis_at: str | None = None,
) -> Iterator[FastAPI]:
    """The app on the tables in `schema` (create_tables), caching under `prefix`."""
    pool = pool_of(lambda: connect(schema, dsn), POOL_SIZE)
    client = redis_client(redis_at, timeout=CACHE_TIMEOUT_SECONDS)
    try:
        borrow = pooled(pool)
        codes = RangeCodes(RangeAllocator(borrow))
        cache = LinkCache(client, prefix) if use_cache else None
        clicks = ClickLog(client, f"{prefix}:clicks")
        try:
            yield create_app(borrow, codes, cache, clicks, clock=clock)
        finally:
            clicks.close()
    finally:
        client.close()
        pool.dispose()


@contextmanager
def serving(app: FastAPI) -> Iterator[str]:
    """Serve `app` on 127.0.0.1 at a port the OS picks; yield its base URL."""
    with running(app) as (url, _):
        yield url


@contextmanager
def running(app: FastAPI) -> Iterator[tuple[str, uvicorn.Server]]:
    """serving(), also yielding the uvicorn server, whose connections tests inspect."""
    sock = listening_socket()  # IPPROTO_TCP: accepted connections get TCP_NODELAY
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]})
    thread.start()
    try:
        deadline = time.monotonic() + READY_TIMEOUT_SECONDS
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"uvicorn did not start on port {port}")
            time.sleep(0.01)
        yield f"http://127.0.0.1:{port}", server
    finally:
        server.should_exit = True
        thread.join(timeout=STOP_TIMEOUT_SECONDS)
        if thread.is_alive():
            server.force_exit = True  # stop waiting for stuck connections
            thread.join(timeout=STOP_TIMEOUT_SECONDS)
        sock.close()


@contextmanager
def spawn(schema: str, prefix: str, *, use_cache: bool) -> Iterator[str]:
    """Run the service in a child process; yield its URL; stop and reap it after.

    The child's log goes to a temporary file, shown if it fails to start.
    """
    code = "from examples.system_design.url_shortener.server import main; main()"
    args = [sys.executable, "-c", code, schema, prefix]
    with tempfile.TemporaryFile() as log:
        child = subprocess.Popen(  # noqa: S603 - our own interpreter and module
            [*args, *([] if use_cache else ["--no-cache"])],
            cwd=REPO_ROOT,
            stdin=subprocess.PIPE,  # closing it tells the child to stop
            stdout=subprocess.PIPE,
            stderr=log,
        )
        assert child.stdin is not None and child.stdout is not None
        try:
            ready, _, _ = select.select([child.stdout], [], [], READY_TIMEOUT_SECONDS)
            line = child.stdout.readline().decode().strip() if ready else ""
            if not line.startswith("ready "):
                log.seek(0)
                tail = log.read().decode(errors="replace")[-2_000:]
                raise RuntimeError(f"the service did not start: {line!r} {tail}")
            yield line.removeprefix("ready ")
        finally:
            child.stdin.close()
            try:
                child.wait(timeout=STOP_TIMEOUT_SECONDS)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait(timeout=STOP_TIMEOUT_SECONDS)
            child.stdout.close()


def main() -> None:
    """The child process of spawn(): serve until stdin closes."""
    parser = argparse.ArgumentParser(description="serve the shortener on loopback")
    parser.add_argument("schema", help="a schema holding the tables")
    parser.add_argument("prefix", help="the Redis key prefix")
    parser.add_argument("--no-cache", action="store_true")
    options = parser.parse_args()
    with (
        service(options.schema, options.prefix, use_cache=not options.no_cache) as app,
        serving(app) as url,
    ):
        print("ready", url, flush=True)
        sys.stdin.read()  # until the parent closes our stdin
