"""Priority lanes for one channel's workers: an OTP never waits behind a campaign.

A channel's provider takes a bounded number of sends per second, so the only
question is which queued job gets the next send. `LaneScheduler` answers with
strict priority (critical, then transactional, then bulk) plus a floor for
the bulk lane: out of every `window` sends, `bulk_floor` go to bulk whenever
bulk has work, so a campaign still drains while the other lanes are busy.
`FifoScheduler` is the baseline: one queue, first in first out.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass

LANES = ("critical", "transactional", "bulk")


@dataclass(frozen=True)
class Job:
    """One notification for one user on one channel, waiting for a send."""

    job_id: str
    lane: str
    enqueued_ms: int


# --8<-- [start:scheduler]
class LaneScheduler:
    """Strict priority across lanes, with a guaranteed share for the bulk lane."""

    def __init__(
        self, lanes: Sequence[str] = LANES, *, bulk_floor: int = 1, window: int = 10
    ) -> None:
        if len(lanes) < 2 or len(set(lanes)) != len(lanes):
            raise ValueError(f"need two or more distinct lanes, got {list(lanes)}")
        if not 0 <= bulk_floor < window:
            raise ValueError(
                f"bulk_floor must be in [0, window), got {bulk_floor}/{window}"
            )
        self._queues: dict[str, deque[Job]] = {lane: deque() for lane in lanes}
        self._order = list(lanes)  # highest priority first; the last one is bulk
        self._bulk_floor, self._window = bulk_floor, window
        self._picks = 0

    def push(self, job: Job) -> None:
        if job.lane not in self._queues:
            raise ValueError(f"unknown lane {job.lane!r}; lanes are {self._order}")
        self._queues[job.lane].append(job)

    def pop(self) -> Job | None:
        """The job that gets the next send, or None when every lane is empty."""
        bulk = self._queues[self._order[-1]]
        slot = self._picks % self._window
        self._picks += 1
        if bulk and slot < self._bulk_floor:
            return bulk.popleft()  # the campaign's reserved slot
        for lane in self._order:
            if self._queues[lane]:
                return self._queues[lane].popleft()
        return None

    def __len__(self) -> int:
        return sum(len(q) for q in self._queues.values())

    # --8<-- [end:scheduler]


class FifoScheduler:
    """One queue for every lane: the baseline the lanes are measured against."""

    def __init__(self) -> None:
        self._queue: deque[Job] = deque()

    def push(self, job: Job) -> None:
        self._queue.append(job)

    def pop(self) -> Job | None:
        return self._queue.popleft() if self._queue else None

    def __len__(self) -> int:
        return len(self._queue)
