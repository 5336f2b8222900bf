"""Fan-out: one event becomes one job per user per channel, in batches, with stable ids.

The fan-out stage reads an event from the stream ("order 8812 shipped",
"campaign 7 to segment S"), pages through its audience, and emits jobs in
batches to the channel's lane. Each job's id is derived from (event, user,
channel), so a worker that crashes mid-batch and replays the event produces
the same ids, and the delivery log's primary key turns the replay into
no-ops instead of second messages.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

CRITICAL_KINDS = frozenset({"otp", "security_alert"})


@dataclass(frozen=True)
class Event:
    event_id: str
    kind: str  # "otp", "order_shipped", "campaign", ...
    channels: tuple[str, ...]


@dataclass(frozen=True)
class FanoutJob:
    notification_id: str
    user_id: int
    channel: str
    lane: str


def lane_for(kind: str) -> str:
    if kind in CRITICAL_KINDS:
        return "critical"
    return "bulk" if kind == "campaign" else "transactional"


# --8<-- [start:fanout]
def notification_id(event_id: str, user_id: int, channel: str) -> str:
    """The same (event, user, channel) always gets the same id: replays dedupe."""
    digest = hashlib.sha256(f"{event_id}\x1f{user_id}\x1f{channel}".encode())
    return "ntf_" + digest.hexdigest()[:24]


def fan_out(
    event: Event, audience: Iterable[int], batch_size: int = 1_000
) -> Iterator[list[FanoutJob]]:
    """Batches of jobs for every (user, channel) of the event's audience."""
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    if not event.channels:
        raise ValueError(f"event {event.event_id} names no channel")
    lane = lane_for(event.kind)
    users = iter(audience)  # a cursor over the segment, never a full list in memory
    while page := list(islice(users, batch_size)):
        yield [
            FanoutJob(notification_id(event.event_id, u, ch), u, ch, lane)
            for u in page
            for ch in event.channels
        ]


# --8<-- [end:fanout]


if __name__ == "__main__":
    # --8<-- [start:demo]
    campaign = Event("cmp-7", "campaign", ("push", "email"))
    batches = list(fan_out(campaign, range(2_500), batch_size=1_000))
    print([len(b) for b in batches], batches[0][0].lane)
    #> [2000, 2000, 1000] bulk
    replay = list(fan_out(campaign, range(2_500), batch_size=1_000))
    print("replay gives the same ids:", replay == batches)
    #> replay gives the same ids: True
    otp = Event("otp-991", "otp", ("sms",))
    print(next(fan_out(otp, [42]))[0])
    """
    FanoutJob(
        notification_id='ntf_d5133e7a46b24a8f472d7a66',
        user_id=42,
        channel='sms',
        lane='critical',
    )
    """
    # --8<-- [end:demo]
