"""Goodput under overload: an unbounded queue against three ways to shed load.

A seeded discrete-event simulation of one service: 4 workers, 50 to 150 ms
of work per request (100 ms on average) (capacity: 40 requests a second), and clients that
give up after 1 second. A response after that is wasted work: the server
cannot tell that nobody is listening. Goodput counts only answers delivered
in time, as a share of capacity.

Policies:
- fifo: an unbounded first-in, first-out queue (the default almost everywhere);
- cap: reject on arrival (503 at once) when 20 requests already wait;
- queue_time: when a worker takes a request that waited over 0.5 s, drop it
  (the idea behind CoDel: bound the time spent queueing, not the length);
- lifo: adaptive LIFO: while the oldest request has waited over 0.5 s, serve
  the newest first, and drop what has waited longer than the client will.
"""

from __future__ import annotations

import heapq
import random
from collections import deque

WORKERS = 4
MEAN_SERVICE_S = 0.1
CAPACITY = WORKERS / MEAN_SERVICE_S  # requests per second
CLIENT_TIMEOUT_S = 1.0
QUEUE_CAP = 20
MAX_QUEUE_S = 0.5
POLICIES = ("fifo", "cap", "queue_time", "lifo")


# --8<-- [start:simulate]
def goodput(
    offered: float, policy: str, *, seconds: float = 60, seed: int = 1
) -> float:
    """Answers delivered within the client timeout per second, / capacity.

    `offered` is the arrival rate as a multiple of capacity (Poisson arrivals).
    """
    if policy not in POLICIES:
        raise ValueError(f"unknown policy {policy!r}; pick one of {POLICIES}")
    if offered <= 0:
        raise ValueError("offered load must be positive")
    rng = random.Random(seed)
    arrivals, t = [], 0.0
    while (t := t + rng.expovariate(offered * CAPACITY)) < seconds:
        arrivals.append(t)
    waiting: deque[float] = deque()  # arrival times of queued requests
    free_at = [0.0] * WORKERS  # a heap of the moments each worker is free
    in_time = 0

    def serve_until(now: float) -> None:
        """Let workers that are free before `now` take queued requests."""
        nonlocal in_time
        while waiting and free_at[0] <= now:
            # An idle worker starts when the request arrives, not when it went idle.
            start = max(heapq.heappop(free_at), waiting[-1])
            request = take(start)
            if request is None:
                heapq.heappush(free_at, start)
                return
            done = start + rng.uniform(0.5, 1.5) * MEAN_SERVICE_S
            heapq.heappush(free_at, done)
            if done - request <= CLIENT_TIMEOUT_S and done <= seconds:
                in_time += 1  # answered in time, within the measured window

    def take(now: float) -> float | None:
        """The request a worker starts at `now`, after dropping stale ones."""
        while waiting:
            if policy == "queue_time" and now - waiting[0] > MAX_QUEUE_S:
                waiting.popleft()  # shed: it waited too long to be worth it
                continue
            if policy == "lifo":
                while waiting and now - waiting[0] > CLIENT_TIMEOUT_S:
                    waiting.popleft()  # its client is gone already
                if not waiting:
                    return None
                congested = now - waiting[0] > MAX_QUEUE_S
                return waiting.pop() if congested else waiting.popleft()
            return waiting.popleft()
        return None

    for arrival in arrivals:
        serve_until(arrival)
        if policy == "cap" and len(waiting) >= QUEUE_CAP:
            continue  # shed at the door: a fast 503 with Retry-After
        waiting.append(arrival)
        serve_until(arrival)
    serve_until(float("inf"))
    return in_time / (CAPACITY * seconds)


# --8<-- [end:simulate]

if __name__ == "__main__":
    # --8<-- [start:demo]
    print("offered | fifo | cap  | queue_time | lifo")
    #> offered | fifo | cap  | queue_time | lifo
    for offered in (0.5, 0.9, 1.2, 2.0, 4.0):
        row = [f"{goodput(offered, policy):.2f}" for policy in POLICIES]
        print(f"{offered:>6.1f}x | " + " | ".join(row))
        #>    0.5x | 0.49 | 0.49 | 0.49 | 0.49
        #>    0.9x | 0.90 | 0.90 | 0.90 | 0.90
        #>    1.2x | 0.06 | 1.00 | 1.00 | 1.00
        #>    2.0x | 0.03 | 1.00 | 1.00 | 1.00
        #>    4.0x | 0.02 | 1.00 | 1.00 | 1.00
    # --8<-- [end:demo]
