"""Two SMS gateways, the primary failing: the breaker trips, traffic moves, one code doubles.

Both gateways are in-process stand-ins for external APIs (providers.py) and,
like Twilio's, neither deduplicates on our key. The primary refuses its
first six calls, then times out once after accepting, then recovers. Four
hundred one-time codes arrive, one every 250 ms, and the queue hands every
50th over twice. Codes expire after five minutes, and an ambiguous send
fails over at once: for a code, a rare duplicate beats a missing one. The
clock is simulated.
"""

from __future__ import annotations

from collections import Counter

from examples.system_design.notification_system.failover import FailoverSender
from examples.system_design.notification_system.providers import StandInProvider


class SimClock:
    """Milliseconds that move only when the demo says so."""

    def __init__(self) -> None:
        self.now = 0

    def __call__(self) -> int:
        return self.now


def run() -> tuple[FailoverSender, list[StandInProvider]]:
    clock = SimClock()
    primary = StandInProvider("gw-a", ["down"] * 6 + ["slow"])
    backup = StandInProvider("gw-b")
    sender = FailoverSender(
        [primary, backup], clock, seed=3, on_ambiguous="retry", max_age_ms=300_000
    )
    for step in range(400 * 5 + 4_000):  # 50 ms steps: arrivals, then a tail
        clock.now = step * 50
        if step % 5 == 0 and step // 5 < 400:
            n = step // 5
            sender.submit(f"ntf-{n}", "Your code is 481516")
            if n % 50 == 0:
                sender.submit(f"ntf-{n}", "Your code is 481516")  # redelivered
        sender.run_due()
    return sender, [primary, backup]


if __name__ == "__main__":
    # --8<-- [start:demo]
    sender, providers = run()
    for ms, event in sender.breaker("gw-a").events:
        print(f"{ms / 1000:5.1f} s  gw-a breaker: {event}")
        #>   1.0 s  gw-a breaker: 5 failures in a row: open
        #>  31.0 s  gw-a breaker: probe failed: open again
        #>  61.0 s  gw-a breaker: probe failed: open again
        #>  91.0 s  gw-a breaker: probe ok: closed
    for p in providers:
        sent = Counter(sender.outcome.sent.values())[p.name]
        print(f"{p.name}: {p.calls} calls, {sent} notifications sent")
        #> gw-a: 43 calls, 36 notifications sent
        #> gw-b: 364 calls, 364 notifications sent
    reached = Counter()
    for p in providers:
        reached.update(p.delivered)
    print("notifications sent:", len(sender.outcome.sent), "of 400")
    #> notifications sent: 400 of 400
    doubled = sorted(nid for nid, n in reached.items() if n > 1)
    print("ambiguous answers:", dict(sender.outcome.ambiguous), "| doubled:", doubled)
    #> ambiguous answers: {'ntf-244': 1} | doubled: ['ntf-244']
    print("queue duplicates dropped:", sender.outcome.duplicates_dropped)
    #> queue duplicates dropped: 8
    print(
        "dead letters:", len(sender.outcome.dead), "| still queued:", sender.pending()
    )
    #> dead letters: 0 | still queued: 0
    # --8<-- [end:demo]
