"""Goodput under overload: an unbounded queue against three ways to shed load.

A seeded discrete-event simulation of one service: 4 workers, 50 to 150 ms
of work per request (100 ms on average, so capacity is 40 requests a
second), and clients that give up after 1 second. A response after that is
wasted work: the server cannot tell that nobody is listening. Goodput
counts only answers delivered in time, as a share of capacity.

The model is kind to shedding: arrivals are open-loop (Poisson, whatever
happens to earlier requests), a rejected client never comes back (no
retries), and a rejection costs the server nothing.

Policies:
- fifo: an unbounded first-in, first-out queue (the default almost everywhere);
- cap: reject on arrival (503 at once) when 20 requests already wait;
- queue_time: when a worker takes a request that waited over `max_queue_s`
  (0.5 s), drop it (the idea behind CoDel: bound the time spent queueing,
  not the length);
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
    offered: float,
    policy: str,
    *,
    seconds: float = 60,
    seed: int = 1,
    max_queue_s: float = MAX_QUEUE_S,
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
            if policy == "queue_time" and now - waiting[0] > max_queue_s:
                waiting.popleft()  # shed: it waited too long to be worth it
                continue
            if policy == "lifo":
                while waiting and now - waiting[0] > CLIENT_TIMEOUT_S:
                    waiting.popleft()  # its client is gone already
                if not waiting:
                    return None
                congested = now - waiting[0] > max_queue_s
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
    print("fifo at 1.2x over 600 s:", f"{goodput(1.2, 'fifo', seconds=600):.3f}")
    #> fifo at 1.2x over 600 s: 0.006
    print("queue-time bound | goodput at 1.2x, 2x, 4x")
    #> queue-time bound | goodput at 1.2x, 2x, 4x
    for bound in (1.0, 0.9, 0.8, 0.5):
        row = [
            f"{goodput(x, 'queue_time', max_queue_s=bound):.2f}" for x in (1.2, 2, 4)
        ]
        print(f"{bound:>15.1f}s | " + ", ".join(row))
        #>             1.0s | 0.34, 0.03, 0.02
        #>             0.9s | 0.89, 0.69, 0.58
        #>             0.8s | 1.00, 1.00, 1.00
        #>             0.5s | 1.00, 1.00, 1.00
    # --8<-- [end:demo]
