"""Chat: message round trip and throughput over loopback WebSockets, three setups.

Alice sends to Bob and the clock stops when Bob's client holds the message
(not when it has acked: acks are debounced, 50 ms apart at most);
the sender's own round trip (send -> the server's "sent" reply, which waits
for the SQLite commit) is reported too. Throughput sends a bounded burst with
a capped number in flight and times until Bob holds it all, his client
acknowledging as it goes; CPU time per message covers the clients and the
servers, which all run in this process.

    baseline      one server, TCP_NODELAY, PRAGMA synchronous = NORMAL
    fsync         the same, with every commit synced to disk (FULL)
    Nagle on      the baseline on a socket without TCP_NODELAY (running.py)
    two + Redis   the baseline, Alice on server A, Bob on B, through Redis

The servers run in threads of this process and share its GIL, and this
machine's cores with the clients, Redis and anyone else's work: on a loaded
machine, waking a sleeping process costs more than the work. Read the ratios
and the load average printed with them; the absolute figures are a loopback
measurement, not a network.

    .venv/bin/python benchmarks/system_design/chat.py
"""

# requires-server: redis

from __future__ import annotations

import asyncio
import math
import os
import secrets
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import httpx2

from benchmarks.timing import quick_mode
from examples.server_settings import redis_url
from examples.system_design.chat.client import ChatClient
from examples.system_design.chat.routers import RedisRouter
from examples.system_design.chat.running import RunningServer, chat_server, new_secret

ROUND_TRIPS = 20 if quick_mode() else 100  # sequential, one message in flight
BURST = 50 if quick_mode() else 100  # pipelined, for throughput
IN_FLIGHT = 32  # sends awaiting their "sent" reply at once, as a client would cap them
DEADLINE_SECONDS = 30  # per phase: a stuck run fails instead of hanging


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


@contextmanager
def setup(
    two_servers: bool = False, **options: bool
) -> Iterator[tuple[RunningServer, RunningServer]]:
    """(Alice's server, Bob's server): the same one, or two joined by Redis."""
    secret, prefix = new_secret(), f"chat-bench-{secrets.token_hex(6)}"
    with tempfile.TemporaryDirectory() as folder, ExitStack() as stack:
        database = Path(folder) / "chat.db"
        if not two_servers:
            server = stack.enter_context(
                chat_server("solo", database, secret, **options)
            )
            yield server, server
            return
        a, b = (
            stack.enter_context(
                chat_server(
                    n, database, secret, RedisRouter(redis_url(), prefix, n), **options
                )
            )
            for n in ("chat-a", "chat-b")
        )
        yield a, b


async def measure(a: RunningServer, b: RunningServer) -> dict[str, float]:
    alice_token, bob_token = a.service.tokens.issue("alice"), a.service.tokens.issue(
        "bob"
    )
    async with httpx2.AsyncClient(timeout=5) as http:
        created = await http.post(
            f"{a.http_url}/conversations",
            json={"id": "ab", "members": ["alice", "bob"]},
            headers={"Authorization": f"Bearer {alice_token}"},
        )
        created.raise_for_status()
    def holds(seq: int) -> Callable[[], bool]:
        return lambda: bob.timeline("ab").contiguous >= seq

    async with (
        ChatClient.connect(a.ws_url, alice_token) as alice,
        ChatClient.connect(b.ws_url, bob_token) as bob,
        asyncio.timeout(DEADLINE_SECONDS),
    ):
        for _ in range(10):  # warm up connections, the store and Redis
            await bob.wait_for_seq("ab", await alice.send("ab", "warm-up"))
        sent, delivered = [], []
        for _ in range(ROUND_TRIPS):
            start = time.perf_counter()
            seq = await alice.send("ab", "ping")
            sent.append(time.perf_counter() - start)
            await bob.wait(holds(seq))
            delivered.append(time.perf_counter() - start)
        window = asyncio.Semaphore(IN_FLIGHT)

        async def send_in_window() -> int:
            async with window:
                return await alice.send("ab", "burst")

        start, cpu_start = time.perf_counter(), time.process_time()
        seqs = await asyncio.gather(*(send_in_window() for _ in range(BURST)))
        await bob.wait(holds(max(seqs)))
        elapsed = time.perf_counter() - start
        cpu = time.process_time() - cpu_start  # clients and servers: one process
    return {
        "sent p50": statistics.median(sent),
        "sent p99": percentile(sent, 99),
        "delivered p50": statistics.median(delivered),
        "delivered p99": percentile(delivered, 99),
        "messages/s": BURST / elapsed,
        "CPU ms/message": cpu / BURST,
    }


# Each setup changes one thing against the first.
SETUPS: dict[str, dict[str, bool]] = {
    "baseline": {"durable": False},
    "fsync": {},
    "Nagle on": {"durable": False, "nagle": True},
    "two + Redis": {"durable": False, "two_servers": True},
}


def main() -> None:
    results = {}
    for label, options in SETUPS.items():
        with setup(**options) as (a, b):
            results[label] = asyncio.run(measure(a, b))
    print(
        f"{ROUND_TRIPS} sequential round trips, then {BURST} sends with"
        f" {IN_FLIGHT} in flight; ms unless noted;"
        f" load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )
    print(f"{'measure':<16}" + "".join(f"{label:>14}" for label in SETUPS))
    base = results["baseline"]
    for key in base:
        scale = 1 if key == "messages/s" else 1_000
        cells = "".join(f"{r[key] * scale:>14.2f}" for r in results.values())
        print(f"{key:<16}{cells}")
    print("ratio to the baseline")
    for key in base:
        cells = "".join(f"{r[key] / base[key]:>14.2f}" for r in results.values())
        print(f"{key:<16}{cells}")


if __name__ == "__main__":
    main()
