"""Presence on an injected clock: heartbeats, a timeout, last seen, who hears."""

from __future__ import annotations

from examples.system_design.chat.presence import PresenceTracker, presence_audience


class Clock:
    """Seconds that move only when the demo says so."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


# --8<-- [start:timeout]
clock = Clock()
presence = PresenceTracker(clock, timeout_s=90)  # three heartbeat intervals
for t in [0, 30, 60]:  # the app heartbeats every 30 s, then the phone loses signal
    clock.now = t
    presence.heartbeat("bob")
for t in [135, 151]:
    clock.now = t
    print(f"t={t}: went offline {presence.sweep()}, {presence.status('bob')}")
    #> t=135: went offline [], Status(online=True, last_seen=60)
    #> t=151: went offline ['bob'], Status(online=False, last_seen=60)
# --8<-- [end:timeout]

# --8<-- [start:audience]
conversations = {
    "alice-bob": ["alice", "bob"],
    "family": ["bob", "mom", "dad", "sis"],
    "all-hands": ["bob", *(f"u{i}" for i in range(999))],  # MAX_MEMBERS
}
audience = presence_audience("bob", conversations, max_group=256)
print("bob's status goes to:", sorted(audience))
#> bob's status goes to: ['alice', 'dad', 'mom', 'sis']
members = len(conversations["all-hands"])
changes_per_member_per_day = 4  # online and offline, twice a day
pushes = members * changes_per_member_per_day * (members - 1)
print(f"pushing all-hands presence to everyone: {pushes:,} frames a day")
#> pushing all-hands presence to everyone: 3,996,000 frames a day
# --8<-- [end:audience]
