"""Users, their opt-outs and their quiet hours, in their own time zone.

Quiet hours are a wall-clock window ("22:00 to 07:00 in Europe/Berlin"). The
arithmetic is done in local time and converted back to UTC with zoneinfo, so
a window that crosses midnight or a daylight-saving change ends when the
user's clock says it does, not 9 hours after it started.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from examples.machine_coding.notification_service.errors import (
    MissingAddressError,
    UnknownUserError,
)
from examples.machine_coding.notification_service.model import Channel, DeliveryStatus

ALL_CATEGORIES = "*"  # opting out of (channel, "*") silences the whole channel


# --8<-- [start:quiet_hours]
@dataclass(frozen=True)
class QuietHours:
    """A daily window of local wall-clock time, start inclusive, end exclusive.
    start > end means the window crosses midnight (22:00 to 07:00)."""

    start: time
    end: time

    def __post_init__(self) -> None:
        if self.start == self.end:
            raise ValueError("quiet hours need a start different from the end")
        if self.start.tzinfo or self.end.tzinfo:
            raise ValueError("quiet hours are wall-clock times; give no tzinfo")

    def ends_at(self, now: float, zone: ZoneInfo) -> float | None:
        """If `now` (UTC epoch seconds) falls in the window, the UTC moment it
        ends; otherwise None."""
        local = datetime.fromtimestamp(now, zone)
        clock = local.time().replace(tzinfo=None)
        if self.start < self.end:
            inside = self.start <= clock < self.end
            end_day = local.date()
        else:
            inside = clock >= self.start or clock < self.end
            # Before midnight the window ends tomorrow; after midnight, today.
            end_day = local.date() + timedelta(days=1 if clock >= self.start else 0)
        if not inside:
            return None
        end = datetime.combine(end_day, self.end, tzinfo=zone)
        # On the night clocks fall back, a wall time like 01:30 happens twice.
        # fold=0 picks the first; if that is already behind us, we are in the
        # repeated hour and the window ends at the second one (fold=1).
        if end.timestamp() <= now:
            end = end.replace(fold=1)
        ends = end.timestamp()
        if datetime.fromtimestamp(ends, zone).time() != self.end:
            # The end is a wall time the spring-forward night skips (02:30 in
            # New York): the window ends when the clocks jump past it.
            ends = _jump(end.replace(fold=1).timestamp(), ends, zone)
        # If all of the user's waking time fell in the skipped hour (a window
        # from 02:15 to 02:00), the jump lands inside the next night's window
        # already, so this one runs on to that one's end.
        later = self.ends_at(ends, zone)
        return ends if later is None else later


def _jump(before: float, after: float, zone: ZoneInfo) -> float:
    """The first second with `after`'s UTC offset, between two instants that
    straddle one offset change: the moment the clocks jump."""
    low, high = int(before), int(after)
    offset = datetime.fromtimestamp(high, zone).utcoffset()
    while high - low > 1:
        mid = (low + high) // 2
        if datetime.fromtimestamp(mid, zone).utcoffset() == offset:
            high = mid
        else:
            low = mid
    return float(high)


# --8<-- [end:quiet_hours]


# --8<-- [start:user]
@dataclass(frozen=True)
class User:
    """What the service knows about a recipient: where to reach them and
    what they agreed to. The user record itself belongs to a user service."""

    id: str
    time_zone: str = "UTC"
    email: str | None = None
    phone: str | None = None
    device_id: str | None = None
    opted_out: frozenset[tuple[Channel, str]] = field(default_factory=frozenset)
    quiet_hours: QuietHours | None = None

    def __post_init__(self) -> None:
        try:
            ZoneInfo(self.time_zone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {self.time_zone!r}") from None

    @property
    def zone(self) -> ZoneInfo:
        """The user's time zone (ZoneInfo caches instances, so this is cheap)."""
        return ZoneInfo(self.time_zone)

    def address(self, channel: Channel) -> str:
        """Where `channel` reaches this user; MissingAddressError if nowhere."""
        addresses = {
            Channel.EMAIL: self.email,
            Channel.SMS: self.phone,
            Channel.PUSH: self.device_id,
            Channel.IN_APP: self.id,  # the in-app inbox is keyed by user id
        }
        address = addresses[channel]
        if not address:
            raise MissingAddressError(
                f"user {self.id!r} has no address for channel {channel.value!r}"
            )
        return address

    def allows(self, channel: Channel, category: str) -> bool:
        """False if the user opted out of this category, or the whole channel."""
        return not {(channel, category), (channel, ALL_CATEGORIES)} & self.opted_out

    def quiet_until(self, now: float) -> float | None:
        """When the user's quiet hours end, if `now` is inside them."""
        if self.quiet_hours is None:
            return None
        return self.quiet_hours.ends_at(now, self.zone)


# --8<-- [end:user]


# --8<-- [start:gate]
def hold_reason(
    user: User, channel: Channel, category: str, urgent: bool, now: float
) -> tuple[DeliveryStatus, float] | None:
    """Why a delivery may not go out at `now`, as (new status, when to look
    again), or None if it may. Checked at accept time and again before every
    attempt, so an opt-out made after the request was accepted still counts."""
    if not user.allows(channel, category):
        return DeliveryStatus.SUPPRESSED, now
    if not urgent:  # an OTP at 3 a.m. is wanted; a newsletter is not
        until = user.quiet_until(now)
        if until is not None:
            return DeliveryStatus.DEFERRED, until
    return None


# --8<-- [end:gate]


class UserDirectory:
    """Users by id. Thread-safe; every change replaces a whole frozen User."""

    def __init__(self, users: tuple[User, ...] = ()) -> None:
        self._lock = threading.Lock()
        self._users = {user.id: user for user in users}

    def put(self, user: User) -> None:
        """Add a user or replace the stored one."""
        with self._lock:
            self._users[user.id] = user

    def get(self, user_id: str) -> User:
        """The user with this id, or UnknownUserError."""
        with self._lock:
            user = self._users.get(user_id)
        if user is None:
            raise UnknownUserError(user_id)
        return user

    def remove(self, user_id: str) -> None:
        """Forget a user (account deleted); pending deliveries then fail."""
        with self._lock:
            if self._users.pop(user_id, None) is None:
                raise UnknownUserError(user_id)

    def opt_out(self, user_id: str, channel: Channel, category: str) -> User:
        """Record that the user wants no `category` messages on `channel`."""
        with self._lock:
            user = self._users.get(user_id)
            if user is None:
                raise UnknownUserError(user_id)
            updated = replace(user, opted_out=user.opted_out | {(channel, category)})
            self._users[user_id] = updated
        return updated
