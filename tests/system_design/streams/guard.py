"""Run an asyncio scenario against the real NATS server, bounded in time."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

GUARD_SECONDS = 15  # only reached if a test is broken


def run(scenario: Callable[[], Awaitable[None]]) -> None:
    async def guarded() -> None:
        async with asyncio.timeout(GUARD_SECONDS):
            await scenario()

    asyncio.run(guarded())
