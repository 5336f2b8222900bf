"""Presence: online while heartbeats keep coming, "last seen" once they stop.

Presence is a guess. A phone that loses signal sends no goodbye, so the
server only learns it is gone when a heartbeat is overdue; until then the
user shows online. Nobody loses data over a wrong dot, so the design keeps
presence cheap: in memory (or Redis keys with a TTL), never in the message
store, and pushed only to small audiences.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Status:
    online: bool
    last_seen: float | None  # seconds on the server's clock; None if never seen


class PresenceTracker:
    """Heartbeat-driven presence with a timeout, on an injected clock."""

    def __init__(self, clock: Callable[[], float], timeout_s: float = 90.0) -> None:
        if not timeout_s > 0:
            raise ValueError(f"timeout_s must be positive, got {timeout_s!r}")
        self._clock = clock
        self._timeout_s = timeout_s
        self._last_beat: dict[str, float] = {}  # users shown online
        self._last_seen: dict[str, float] = {}  # users shown offline

    def heartbeat(self, user: str) -> bool:
        """Record a heartbeat; True if this brings the user online."""
        came_online = user not in self._last_beat
        self._last_beat[user] = self._clock()
        self._last_seen.pop(user, None)
        return came_online

    def disconnect(self, user: str) -> bool:
        """The user's last connection closed cleanly; True if they were online."""
        if user not in self._last_beat:
            return False
        self._last_beat.pop(user)
        self._last_seen[user] = self._clock()
        return True

    def sweep(self) -> list[str]:
        """Take offline everyone whose heartbeat is overdue; return them, sorted."""
        deadline = self._clock() - self._timeout_s
        expired = sorted(u for u, t in self._last_beat.items() if t < deadline)
        for user in expired:
            # Last seen is the last sign of life, not the moment we noticed.
            self._last_seen[user] = self._last_beat.pop(user)
        return expired

    def status(self, user: str) -> Status:
        if user in self._last_beat:
            return Status(online=True, last_seen=self._last_beat[user])
        return Status(online=False, last_seen=self._last_seen.get(user))


def presence_audience(
    user: str, conversations: Mapping[str, Collection[str]], max_group: int
) -> set[str]:
    """Who is told when `user` goes online or offline.

    Members of the user's conversations with at most `max_group` members.
    Members of bigger groups ask when they open the group (a pull), because a
    push to every member of every big group costs a message per member per
    change, and each member's changes are pushed to all the others too.
    """
    if max_group < 2:
        raise ValueError(f"max_group must be at least 2, got {max_group}")
    audience: set[str] = set()
    for members in conversations.values():
        if user in members and len(members) <= max_group:
            audience.update(members)
    audience.discard(user)
    return audience
