"""A private HTTP cache in front of a real origin: max-age, no-cache, no-store, 304.

`PrivateCache` keeps what RFC 9111 lets a browser keep and nothing more: it
stores unless `no-store`, serves a stored copy while it is fresh and not
`no-cache`, and otherwise revalidates with If-None-Match. Time comes from an
injected clock, so "70 seconds later" takes no time and prints the same
every run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import httpx2

from examples.fundamentals.http.cache_origin import POLICIES, CacheOrigin
from examples.uvicorn_server import serve

TIMEOUT_S = 5.0


def directives(cache_control: str) -> dict[str, str]:
    """`max-age=60, no-cache` -> {"max-age": "60", "no-cache": ""}; names lowercased."""
    parsed = {}
    for part in cache_control.split(","):
        name, _, value = part.strip().partition("=")
        if name:
            parsed[name.lower()] = value.strip('"')
    return parsed


def freshness_s(rules: dict[str, str]) -> int:
    """Seconds a response stays fresh; 0 if it must be revalidated first.

    RFC 9111 section 4.2.1 encourages treating invalid freshness (a max-age
    that is not an integer) as stale, so a bad value means 0, not an error.
    """
    if "no-cache" in rules:
        return 0
    value = rules.get("max-age", "0")
    return int(value) if value.isdigit() else 0


@dataclass
class Stored:
    """A stored response: its body, validator, lifetime and when it was (re)validated."""

    body: bytes
    etag: str | None
    fresh_s: int
    stored_at: float


# --8<-- [start:cache]
class PrivateCache:
    """GETs through a one-user cache; `get` says where each answer came from."""

    def __init__(self, client: httpx2.Client, now: Callable[[], float]) -> None:
        self.client, self.now = client, now
        self.stored: dict[str, Stored] = {}

    def get(self, url: str) -> tuple[str, bytes]:
        entry = self.stored.get(url)
        if entry and self.now() - entry.stored_at < entry.fresh_s:
            return "cache", entry.body  # fresh: the origin is not asked
        headers = {"if-none-match": entry.etag} if entry and entry.etag else {}
        response = self.client.get(url, headers=headers)
        rules = directives(response.headers.get("cache-control", ""))
        if response.status_code == 304 and entry:
            entry.stored_at, entry.fresh_s = self.now(), freshness_s(rules)
            return "304", entry.body  # revalidated: reuse the stored body
        response.raise_for_status()
        self.stored.pop(url, None)
        if "no-store" not in rules:
            self.stored[url] = Stored(
                response.content,
                response.headers.get("etag"),
                freshness_s(rules),
                self.now(),
            )
        return "origin", response.content


# --8<-- [end:cache]


class Clock:
    """A clock the demo moves by hand."""

    def __init__(self) -> None:
        self.t = 0.0

    def __call__(self) -> float:
        return self.t


# --8<-- [start:demo]
if __name__ == "__main__":
    origin, clock = CacheOrigin(), Clock()
    with serve(origin, http="h11") as port, httpx2.Client(timeout=TIMEOUT_S) as client:
        for path, policy in POLICIES.items():
            cache = PrivateCache(client, clock)
            seen = []
            for seconds in (0, 10, 70):  # after the first request
                clock.t = seconds
                source, _body = cache.get(f"http://127.0.0.1:{port}{path}")
                seen.append(source)
            sent = f"{origin.sent[path, 200]}x200 {origin.sent[path, 304]}x304"
            print(f"{policy.decode():<10} {' '.join(seen):<20} origin sent {sent}")
            #> max-age=60 origin cache 304     origin sent 1x200 1x304
            #> no-cache   origin 304 304       origin sent 1x200 2x304
            #> no-store   origin origin origin origin sent 3x200 0x304
# --8<-- [end:demo]
