"""A fixed-window rate limiter in Redis: INCR and PEXPIRE ... NX sent as one MULTI/EXEC.

A window starts at a client's first request and ends when the counter's key
expires, so Redis's own expiry is the clock. The key must never exist without
a TTL: a counter with no expiry would refuse that client forever once it
reached the limit.
"""

from __future__ import annotations

import redis

from examples.data.redis.sliding_window import CLIENT_ID, Decision


# --8<-- [start:limiter]
class FixedWindowLimiter:
    """At most `limit` requests per client in each window of `window_ms`."""

    def __init__(self, r: redis.Redis, prefix: str, limit: int, window_ms: int) -> None:
        if limit < 1 or window_ms < 1:
            raise ValueError(
                f"limit and window_ms must be >= 1, got {limit}, {window_ms}"
            )
        self._r, self._prefix = r, prefix
        self._limit, self._window_ms = limit, window_ms

    def allow(self, client_id: str) -> Decision:
        """Count one request from `client_id` and admit it if the window has room."""
        if not CLIENT_ID.fullmatch(client_id):
            raise ValueError(
                f"client_id must match {CLIENT_ID.pattern}, got {client_id!r}"
            )
        key = f"{self._prefix}fw:{client_id}"
        # MULTI ... EXEC: Redis runs the three commands back to back, and a client
        # that dies before EXEC runs none of them. Sent as two separate commands,
        # a crash between INCR and PEXPIRE would leave a counter with no TTL.
        with self._r.pipeline(transaction=True) as tx:
            tx.incr(key)
            # NX (Redis 7.0+): set a TTL only on a key that has none, which is the
            # key INCR just created. A plain PEXPIRE would move the end of the
            # window back on every request, and a steady client would never reset.
            tx.pexpire(key, self._window_ms, nx=True)
            tx.pttl(key)
            count, _, ttl_ms = tx.execute()
        if count <= self._limit:
            return Decision(True, self._limit - count, 0)
        return Decision(False, 0, ttl_ms)


# --8<-- [end:limiter]
