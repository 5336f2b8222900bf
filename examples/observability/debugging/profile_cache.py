"""A profile page renderer with a cache that only ever grows: the leak to find.

The cache key includes the request id, so no two requests share an entry and
nothing is ever evicted. Each request adds an entry that lives for the rest of
the process. `BoundedProfileCache` is the fix.
"""

from __future__ import annotations

from collections import OrderedDict


def render(user_id: int) -> str:
    return f"<section>user {user_id}</section>" * 8


# --8<-- [start:leak]
class ProfileCache:
    def __init__(self) -> None:
        self._pages: dict[str, str] = {}

    def page(self, user_id: int, request_id: str) -> str:
        key = f"{user_id}:{request_id}"  # the bug: a key that never repeats
        if key not in self._pages:
            self._pages[key] = render(user_id)
        return self._pages[key]


# --8<-- [end:leak]


class BoundedProfileCache:
    """Keyed by what the page depends on, and capped: least recently used goes first."""

    def __init__(self, max_entries: int = 1_000) -> None:
        if max_entries < 1:
            raise ValueError("max_entries must be at least 1")
        self._max = max_entries
        self._pages: OrderedDict[int, str] = OrderedDict()

    def page(self, user_id: int, request_id: str) -> str:
        if user_id in self._pages:
            self._pages.move_to_end(user_id)
        else:
            self._pages[user_id] = render(user_id)
            if len(self._pages) > self._max:
                self._pages.popitem(last=False)
        return self._pages[user_id]

    def __len__(self) -> int:
        return len(self._pages)
