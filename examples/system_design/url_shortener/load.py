"""A bounded load generator: N GET requests, C at a time, over one async HTTP client.

It stops after `requests` requests or `max_seconds`, whichever comes first,
and reports throughput and latency percentiles. Redirects are not followed:
the time measured is the shortener's, not the target site's.

It is a closed loop: each of the C workers sends its next request only when
the last one has answered. A slow server is therefore sent less, and the
latency it would have caused an open stream of visitors is never measured
(coordinated omission): latency here is about C / throughput. Read the
percentiles as "at this concurrency", not as what users at a given arrival
rate would see.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import httpx2

REQUEST_TIMEOUT_SECONDS = 5.0


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile by nearest rank: the smallest value with q% at or below it."""
    if not values:
        raise ValueError("percentile of no values")
    if not 0 < q <= 100:
        raise ValueError(f"q must be in (0, 100], got {q!r}")
    ordered = sorted(values)
    return ordered[math.ceil(q / 100 * len(ordered)) - 1]


@dataclass
class LoadResult:
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)  # one per completed request
    statuses: Counter[int] = field(default_factory=Counter)
    errors: int = 0  # connection failures and timeouts

    @property
    def throughput(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def p(self, q: float) -> float:
        return percentile(self.latencies, q)


# --8<-- [start:load]
async def run_load(
    base_url: str,
    paths: Sequence[str],
    *,
    requests: int,
    concurrency: int,
    max_seconds: float = 10.0,
) -> LoadResult:
    """GET paths[0], paths[1], ... (cycling) until `requests` are sent or time is up."""
    if not paths:
        raise ValueError("paths must not be empty")
    if requests < 1 or concurrency < 1:
        raise ValueError(
            f"need requests >= 1 and concurrency >= 1, got {requests}, {concurrency}"
        )
    result = LoadResult()
    sent = 0
    limits = httpx2.Limits(max_connections=concurrency)
    async with httpx2.AsyncClient(
        base_url=base_url, timeout=REQUEST_TIMEOUT_SECONDS, limits=limits
    ) as client:
        start = time.perf_counter()
        deadline = start + max_seconds

        async def worker() -> None:
            nonlocal sent
            while sent < requests and time.perf_counter() < deadline:
                path = paths[sent % len(paths)]
                sent += 1  # no await since the check: tasks cannot interleave here
                began = time.perf_counter()
                try:
                    response = await client.get(path, follow_redirects=False)
                except httpx2.HTTPError:
                    result.errors += 1
                    continue
                result.latencies.append(time.perf_counter() - began)
                result.statuses[response.status_code] += 1

        await asyncio.gather(*(worker() for _ in range(concurrency)))
        result.seconds = time.perf_counter() - start
    return result


# --8<-- [end:load]


def load(
    base_url: str,
    paths: Sequence[str],
    *,
    requests: int,
    concurrency: int,
    max_seconds: float = 10.0,
) -> LoadResult:
    """run_load from synchronous code."""
    return asyncio.run(
        run_load(
            base_url,
            paths,
            requests=requests,
            concurrency=concurrency,
            max_seconds=max_seconds,
        )
    )
