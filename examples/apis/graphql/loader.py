"""A small DataLoader: collect the keys asked for in one tick, fetch them in one call.

graphql-core has no DataLoader built in. This one follows the usual contract:
`load(key)` returns a future at once; when the event loop next gets control,
every key collected so far goes to `batch_fn` in a single call, which must
return one value per key, in the same order. A loader caches by key, so make a
new one per request: a cache shared across requests would serve stale data and
leak one user's rows into another's response.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Hashable, Sequence
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class BatchLoader(Generic[K, V]):
    """Batch and deduplicate `load(key)` calls made in the same event-loop tick."""

    def __init__(
        self, batch_fn: Callable[[list[K]], Sequence[V]], *, max_batch_size: int = 500
    ) -> None:
        if max_batch_size < 1:
            raise ValueError("max_batch_size must be at least 1")
        self._batch_fn = batch_fn
        self._max_batch_size = max_batch_size
        self._futures: dict[K, asyncio.Future[V]] = {}
        self._pending: list[K] = []
        self.batches: list[list[K]] = []  # the key lists sent, for tests and demos

    def load(self, key: K) -> asyncio.Future[V]:
        """A future for `key`'s value; the fetch happens on the next loop tick."""
        if key in self._futures:
            return self._futures[key]
        loop = asyncio.get_running_loop()
        future: asyncio.Future[V] = loop.create_future()
        self._futures[key] = future
        self._pending.append(key)
        if len(self._pending) == 1:
            # Let the resolvers of the whole list run first; dispatch after them.
            loop.call_soon(self._dispatch)
        return future

    def _dispatch(self) -> None:
        pending, self._pending = self._pending, []
        for start in range(0, len(pending), self._max_batch_size):
            keys = pending[start : start + self._max_batch_size]
            self.batches.append(keys)
            try:
                values = self._batch_fn(keys)
                if len(values) != len(keys):
                    raise ValueError(
                        f"batch function returned {len(values)} values for {len(keys)} keys"
                    )
            except Exception as error:  # every waiting resolver must hear about it
                for key in keys:
                    self._futures.pop(key).set_exception(error)
                continue
            for key, value in zip(keys, values, strict=True):
                self._futures[key].set_result(value)
