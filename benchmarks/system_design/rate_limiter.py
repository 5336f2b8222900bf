"""The GCRA limiter on loopback: what one check costs, beside a plain GET (the floor).

Per-call latency, one connection, calls in turn: GET of one key, the GCRA
script with one policy and with two, and the same check through the HTTP
check service (uvicorn in a child process, a kept-alive connection): the
cost of a sidecar or central service's extra hop. That row's client is the
standard library's http.client, the lightest there is, so the row measures
the hop and the service rather than a client library. The ways take turns in
rounds, so load from elsewhere falls on all of them.

Throughput: the server's own capacity, measured by redis-benchmark (50
connections, random keys) for GET and for the script, when it is installed.
Everything shares this machine's loopback and CPUs: read the ratios, and
treat the microseconds as a floor under a real network's round trip.

    .venv/bin/python benchmarks/system_design/rate_limiter.py
"""

# requires-server: redis

from __future__ import annotations

import http.client
import json
import math
import re
import shutil
import statistics
import subprocess
import time
from collections.abc import Callable
from urllib.parse import urlsplit

from benchmarks.timing import quick_mode
from examples import server_settings
from examples.data.redis.connection import redis_session
from examples.system_design.rate_limiter.gcra import GCRA, GcraLimiter, Policy
from examples.system_design.rate_limiter.serve import running_service

CALLS = 100 if quick_mode() else 4_000  # per way, split over the rounds
ROUNDS = 10
SERVER_REQUESTS = 2_000 if quick_mode() else 100_000  # per redis-benchmark run
CLIENTS = 8  # limiters' keys in the latency rows; the check never refuses them


def p99(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[math.ceil(0.99 * len(ordered)) - 1]


def timed(call: Callable[[int], object], n: int) -> list[float]:
    times = []
    for i in range(n):
        start = time.perf_counter()
        call(i)
        times.append(time.perf_counter() - start)
    return times


def server_throughput(prefix: str, sha: str) -> dict[str, float]:
    """Requests per second the Redis server answers, by redis-benchmark."""
    tool = shutil.which("redis-benchmark")
    if tool is None:
        return {}
    url = urlsplit(server_settings.redis_url())
    base = [tool, "-h", url.hostname or "127.0.0.1", "-p", str(url.port or 6379)]
    base += ["-n", str(SERVER_REQUESTS), "-c", "50", "-r", "100000", "-q"]
    key = f"{prefix}bench:{{__rand_int__}}:p"  # random clients, deleted with the prefix
    commands = {
        "GET": ["GET", key],
        "GCRA script": ["EVALSHA", sha, "1", key, "", "1", "20000", "1000000000"],
    }
    rates = {}
    for label, command in commands.items():
        out = subprocess.run(
            base + command, capture_output=True, text=True, timeout=120, check=True
        ).stdout
        found = re.findall(r"([\d.]+) requests per second", out)
        if found:
            rates[label] = float(found[-1])
    return rates


def main() -> None:
    with redis_session("bench_rate_limiter") as (r, prefix):
        r.set(f"{prefix}plain", "1")
        one = GcraLimiter(r, f"{prefix}one:", [Policy("second", 1_000_000, 1)])
        two = GcraLimiter(
            r, f"{prefix}two:", [Policy("second", 1_000_000, 1), Policy("hour", 1_000_000, 3_600)]
        )
        with running_service(f"{prefix}svc:") as url:
            where = urlsplit(url)
            service = http.client.HTTPConnection(where.hostname, where.port, timeout=5.0)
            body = json.dumps({"route": "catalog", "client": "ip:203.0.113.7"})

            def check(_: int) -> None:
                service.request("POST", "/v1/check", body=body, headers={"Content-Type": "application/json"})
                answer = service.getresponse()
                answer.read()
                if answer.status != 200:
                    raise RuntimeError(f"the check service answered {answer.status}")

            ways: dict[str, Callable[[int], object]] = {
                "GET (the floor)": lambda i: r.get(f"{prefix}plain"),
                "GCRA script, 1 policy": lambda i: one.allow(f"c:{i % CLIENTS}"),
                "GCRA script, 2 policies": lambda i: two.allow(f"c:{i % CLIENTS}"),
                "HTTP check service": check,
            }
            for way in ways.values():
                timed(way, 20)  # warm up: connections, script cache, imports
            rows: dict[str, list[float]] = {label: [] for label in ways}
            for _ in range(ROUNDS):
                for label, way in ways.items():
                    rows[label] += timed(way, CALLS // ROUNDS)
            service.close()
        rates = server_throughput(prefix, r.script_load(GCRA))

    floor = statistics.median(rows["GET (the floor)"])
    print(f"latency: {CALLS} calls per way in {ROUNDS} interleaved rounds, one connection")
    # 1/median is one connection's pace at the median latency, not throughput:
    # the server's throughput is redis-benchmark's rows below.
    print(f"{'way':<26}{'median us':>11}{'p99 us':>9}{'1/median':>10}{'ratio to GET':>14}")
    for label, times in rows.items():
        median = statistics.median(times)
        print(
            f"{label:<26}{median * 1e6:>11.0f}{p99(times) * 1e6:>9.0f}"
            f"{1 / median:>10,.0f}{median / floor:>14.2f}"
        )
    if not rates:
        print("server throughput: redis-benchmark is not installed, so not measured")
        return
    print(f"server throughput: redis-benchmark, {SERVER_REQUESTS:,} requests, 50 connections")
    for label, rate in rates.items():
        print(f"{label:<26}{rate:>12,.0f} requests/s   ratio to GET {rate / rates['GET']:.2f}")


if __name__ == "__main__":
    main()
