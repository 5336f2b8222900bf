"""Click events, recorded without making the redirect wait.

The redirect handler puts (code, time) on a bounded in-process queue and
returns. A background thread drains the queue in batches into a Redis
stream (XADD, trimmed to about `max_len` entries), the event log that a
loader would copy into the columnar click store. A full queue drops the
event and counts it, and so does a failed write: under overload or a Redis
outage the counts lose clicks, and no redirect ever waits for analytics.
`clicks_per_day` is what that loader would compute, read straight off the
stream for tests and demos.
"""

# requires-server: redis

from __future__ import annotations

import logging
import queue
import threading
from collections import Counter
from datetime import date, datetime

import redis

CAPACITY = 10_000  # events waiting in memory; more are dropped
BATCH = 500  # events per pipelined write
MAX_LEN = 1_000_000  # the stream keeps about this many; the loader must keep up
STOP_TIMEOUT_SECONDS = 5.0
logger = logging.getLogger(__name__)
_STOP = object()


# --8<-- [start:clicks]
class ClickLog:
    """Fire-and-forget click events into the Redis stream `stream`."""

    def __init__(
        self,
        client: redis.Redis,
        stream: str,
        *,
        capacity: int = CAPACITY,
        batch: int = BATCH,
        max_len: int = MAX_LEN,
    ) -> None:
        if capacity < 1 or batch < 1 or max_len < 1:
            raise ValueError(
                f"capacity, batch and max_len must be >= 1, got {capacity}, {batch}, {max_len}"
            )
        self._redis, self.stream = client, stream
        self._batch, self._max_len = batch, max_len
        self._queue: queue.Queue[object] = queue.Queue(maxsize=capacity)
        self._idle = threading.Condition()
        self._pending = 0  # recorded, not yet written or given up on
        self.dropped = 0  # queue full: the click was not recorded
        self.failed = 0  # the write to Redis failed: the click was lost
        self._thread = threading.Thread(target=self._run, name="click-log", daemon=True)
        self._thread.start()

    def record(self, code: str, at: datetime) -> None:
        """Queue one click; never blocks the caller."""
        with self._idle:
            try:
                self._queue.put_nowait((code, at))
            except queue.Full:
                self.dropped += 1
                return
            self._pending += 1

    def _run(self) -> None:
        while (item := self._queue.get()) is not _STOP:
            batch = [item]
            while len(batch) < self._batch:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is _STOP:
                    self._write(batch)
                    return
                batch.append(item)
            self._write(batch)

    def _write(self, batch: list) -> None:
        try:
            with self._redis.pipeline(transaction=False) as pipe:
                for code, at in batch:
                    fields = {"code": code, "at": at.isoformat()}
                    pipe.xadd(
                        self.stream, fields, maxlen=self._max_len, approximate=True
                    )
                pipe.execute()
        except redis.RedisError:
            logger.warning("lost %d click events: the write failed", len(batch))
            with self._idle:
                self.failed += len(batch)
        with self._idle:
            self._pending -= len(batch)
            self._idle.notify_all()

    # --8<-- [end:clicks]

    def flush(self, timeout: float = STOP_TIMEOUT_SECONDS) -> bool:
        """Wait until every recorded click is written or lost; False on timeout."""
        with self._idle:
            return self._idle.wait_for(lambda: self._pending == 0, timeout)

    def close(self) -> None:
        """Write what is queued, then stop the thread."""
        try:
            self._queue.put(_STOP, timeout=STOP_TIMEOUT_SECONDS)
        except queue.Full:
            logger.warning("click log did not drain; stopping without it")
            return
        self._thread.join(STOP_TIMEOUT_SECONDS)


def clicks_per_day(client: redis.Redis, stream: str) -> Counter[tuple[str, date]]:
    """Clicks per (code, day) in the stream: what the loader would aggregate."""
    counts: Counter[tuple[str, date]] = Counter()
    for _, fields in client.xrange(stream):
        day = datetime.fromisoformat(fields[b"at"].decode()).date()
        counts[fields[b"code"].decode(), day] += 1
    return counts
