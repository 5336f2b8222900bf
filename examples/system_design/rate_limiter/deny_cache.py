"""Clients refused a moment ago, refused again from the gateway's memory.

Every refused request still costs one script call on the shard that holds the
client's hash tag, so one client flooding the gateway is a hot shard. After
Redis refuses a client, the gateway remembers it until its Retry-After and
refuses it locally in the meantime: the flood stops at the gateway.

It never admits more than Redis would. It may refuse a little early: the wait
it remembers is for the refused request's cost, and a cheaper request could
have fitted sooner. The cache is bounded; dropping an entry only means Redis
decides that client's next request.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable


# --8<-- [start:deny_cache]
class DenyCache:
    """Refused clients and the monotonic instant each may try again."""

    def __init__(
        self, max_entries: int = 100_000, clock: Callable[[], float] = time.monotonic
    ) -> None:
        if isinstance(max_entries, bool) or not isinstance(max_entries, int):
            raise TypeError("max_entries must be an int")
        if max_entries < 1:
            raise ValueError(f"max_entries must be at least 1, got {max_entries}")
        self._max, self._clock = max_entries, clock
        self._until: OrderedDict[str, float] = OrderedDict()
        self._lock = threading.Lock()  # gateway handlers run on many threads

    def remember(self, client: str, retry_after_s: float) -> None:
        if not retry_after_s > 0:
            return  # nothing to wait for
        with self._lock:
            self._until[client] = self._clock() + retry_after_s
            self._until.move_to_end(client)
            while len(self._until) > self._max:
                self._until.popitem(last=False)  # the oldest refusal goes first

    def refused_for(self, client: str) -> int | None:
        """Whole seconds (rounded up) this client must still wait, or None."""
        with self._lock:
            until = self._until.get(client)
            if until is None:
                return None
            left = until - self._clock()
            if left <= 0:
                del self._until[client]
                return None
            return math.ceil(left)

    def __len__(self) -> int:
        return len(self._until)


# --8<-- [end:deny_cache]
