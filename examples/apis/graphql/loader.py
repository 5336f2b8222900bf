"""A small DataLoader: collect the keys asked for in one tick, fetch them in one call.

graphql-core has no DataLoader built in. This one follows the usual contract:
`load(key)` returns a future at once; when the event loop next gets control,
every key collected so far goes to `batch_fn` in a single call, which must
return one value per key, in the same order. `batch_fn` may be a plain function
(it then runs on the event loop and blocks it while it runs, fine for in-process
SQLite) or an `async def` (for a network database, through an async driver).
A loader caches by key, so make a new one per request: a cache shared across
requests would serve stale data and leak one user's rows into another's response.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Awaitable, Callable, Hashable, Sequence
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

BatchFn = Callable[[list[K]], Sequence[V] | Awaitable[Sequence[V]]]


class BatchLoader(Generic[K, V]):
    """Batch and deduplicate `load(key)` calls made in the same event-loop tick."""

    def __init__(self, batch_fn: BatchFn[K, V], *, max_batch_size: int = 500) -> None:
        if max_batch_size < 1:
            raise ValueError("max_batch_size must be at least 1")
        self._batch_fn = batch_fn
        self._max_batch_size = max_batch_size
        self._futures: dict[K, asyncio.Future[V]] = {}
        self._pending: list[K] = []
        self._running: set[asyncio.Task[None]] = set()  # async batches in flight
        self.batches: list[list[K]] = []  # the key lists sent, for tests and demos

    def load(self, key: K) -> asyncio.Future[V]:
        """A future for `key`'s value; the fetch happens on the next loop tick."""
        loop = asyncio.get_running_loop()
        if key not in self._futures:
            self._futures[key] = loop.create_future()
            self._pending.append(key)
            if len(self._pending) == 1:
                # Let the resolvers of the whole list run first; dispatch after them.
                loop.call_soon(self._dispatch)
        # Each caller gets its own view of the shared future: cancelling one
        # waiter (a timeout, a failed sibling field) must not cancel the others.
        return asyncio.shield(self._futures[key])

    def _dispatch(self) -> None:
        pending, self._pending = self._pending, []
        for start in range(0, len(pending), self._max_batch_size):
            keys = pending[start : start + self._max_batch_size]
            self.batches.append(keys)
            try:
                values = self._batch_fn(keys)
                if not inspect.isawaitable(values):
                    self._settle(keys, values)
                    continue
            except Exception as error:  # every waiting resolver must hear about it
                self._fail(keys, error)
                continue
            task = asyncio.ensure_future(self._settle_later(keys, values))
            self._running.add(task)  # the event loop keeps only a weak reference
            task.add_done_callback(self._running.discard)

    async def _settle_later(
        self, keys: list[K], values: Awaitable[Sequence[V]]
    ) -> None:
        try:
            self._settle(keys, await values)
        except Exception as error:
            self._fail(keys, error)
        except asyncio.CancelledError as cancelled:  # e.g. the loop shutting down
            self._fail(keys, cancelled)
            raise

    def _settle(self, keys: list[K], values: Sequence[V]) -> None:
        if len(values) != len(keys):
            raise ValueError(
                f"batch function returned {len(values)} values for {len(keys)} keys"
            )
        for key, value in zip(keys, values, strict=True):
            self._futures[key].set_result(value)

    def _fail(self, keys: list[K], error: BaseException) -> None:
        # Forget these keys, so that a later load() tries again instead of failing.
        for key in keys:
            future = self._futures.pop(key)
            if isinstance(error, asyncio.CancelledError):
                future.cancel()
            else:
                future.set_exception(error)
