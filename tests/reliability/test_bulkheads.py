"""Bulkheads: limits hold, slots come back, and one pool cannot starve another."""

from __future__ import annotations

import asyncio

import pytest

from examples.reliability.bulkheads import Bulkhead, Rejected, scenario


def test_a_shared_pool_lets_the_hung_dependency_starve_payments() -> None:
    shared = Bulkhead("shared", 10)
    result = asyncio.run(scenario({"recommendations": shared, "payments": shared}))
    assert result == "payments served 0/10, recs admitted 10/12"


def test_separate_bulkheads_keep_payments_served() -> None:
    pools = {"recommendations": Bulkhead("r", 4), "payments": Bulkhead("p", 6)}
    assert asyncio.run(scenario(pools)) == "payments served 10/10, recs admitted 4/12"
    assert pools["recommendations"].in_flight == 0


def test_the_limit_is_never_exceeded_and_the_extra_call_is_rejected() -> None:
    async def run() -> tuple[int, list[str]]:
        pool = Bulkhead("p", 3)
        gate = asyncio.Event()
        peak = 0

        async def call() -> str:
            nonlocal peak
            peak = max(peak, pool.in_flight)
            await gate.wait()
            return "ok"

        async def attempt() -> str:
            try:
                return await pool.run(call)
            except Rejected:
                return "rejected"

        tasks = [asyncio.create_task(attempt()) for _ in range(5)]
        await asyncio.sleep(0)
        gate.set()
        return peak, await asyncio.gather(*tasks)

    peak, results = asyncio.run(run())
    assert peak == 3
    assert sorted(results) == ["ok"] * 3 + ["rejected"] * 2


def test_a_slot_is_released_when_the_call_fails_or_is_cancelled() -> None:
    async def run() -> int:
        pool = Bulkhead("p", 1)

        async def boom() -> None:
            raise RuntimeError("down")

        with pytest.raises(RuntimeError):
            await pool.run(boom)
        task = asyncio.create_task(pool.run(lambda: asyncio.sleep(10)))
        await asyncio.sleep(0)
        assert pool.in_flight == 1
        task.cancel()
        await asyncio.wait([task])
        return pool.in_flight

    assert asyncio.run(run()) == 0


@pytest.mark.parametrize("limit", [0, -2])
def test_a_limit_below_one_is_refused(limit: int) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        Bulkhead("p", limit)
