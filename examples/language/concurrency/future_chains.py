"""Chain steps on background threads with a fallback on error.

Fetch runs on a worker thread, each later step runs on the previous step's
result, and an expected failure turns into a fallback value. First with a
plain thread pool, then with asyncio.to_thread and await.
"""

from __future__ import annotations

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor

ORDERS_JSON = {
    1: '{"id": 1, "total_cents": 2599}',
    2: '{"id": 2, "total_cents": "n/a"}',
    3: '{"id": 3, "total_cents": 410}',
}


# --8<-- [start:steps]
class OrderNotFound(LookupError):
    """The order service has no such order: an expected outcome, not a bug."""


class BadOrder(ValueError):
    """The order service answered with a body we cannot use."""


def fetch_order(order_id: int) -> str:
    """Blocking call to an order service; returns the raw JSON body."""
    if order_id not in ORDERS_JSON:
        raise OrderNotFound(f"order {order_id} not found")
    return ORDERS_JSON[order_id]


def parse_total(body: str) -> int:
    """Validate the body at the edge: the total must be a whole number of cents."""
    try:
        data = json.loads(body)
    except ValueError as exc:  # JSONDecodeError, or an int past the 4,300-digit limit
        raise BadOrder(f"body is not JSON: {exc}") from exc
    except RecursionError as exc:  # '[[[[...' nested deeper than the parser goes
        raise BadOrder("body is nested too deeply") from exc
    total = data.get("total_cents") if isinstance(data, dict) else None
    if isinstance(total, bool) or not isinstance(total, int):  # bool is an int subclass
        raise BadOrder(f"bad total_cents: {total!r}")
    return total


def format_receipt(order_id: int, total_cents: int) -> str:
    """Render the last step's result; integer cents never pass through a float."""
    sign = "-" if total_cents < 0 else ""  # divmod(-5, 100) is (-1, 95): split abs()
    dollars, cents = divmod(abs(total_cents), 100)
    return f"order {order_id}: {sign}${dollars}.{cents:02d}"


# --8<-- [end:steps]


# --8<-- [start:chained_task]
def receipt(order_id: int) -> str:
    """The whole chain as one task: fetch, then parse, then format, else fall back."""
    try:
        body = fetch_order(order_id)
        total = parse_total(body)
        return format_receipt(order_id, total)
    except (OrderNotFound, BadOrder) as exc:  # not LookupError: a KeyError is a bug
        return f"order {order_id}: unavailable ({exc})"


def receipts_on_pool(order_ids: list[int]) -> list[str]:
    """Run one chain per order on a pool; results come back in input order."""
    with ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(receipt, order_ids))


# --8<-- [end:chained_task]


# --8<-- [start:to_thread]
async def receipt_async(order_id: int) -> str:
    """The same chain in async code: only the blocking step leaves the event loop."""
    try:
        body = await asyncio.to_thread(fetch_order, order_id)  # runs on a thread
        total = parse_total(body)  # microseconds of CPU: fine on the loop
        return format_receipt(order_id, total)
    except (OrderNotFound, BadOrder) as exc:
        return f"order {order_id}: unavailable ({exc})"


async def receipts_async(order_ids: list[int]) -> list[str]:
    """Run the chains concurrently; a bug in one cancels the rest (TaskGroup)."""
    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(receipt_async(i)) for i in order_ids]
    return [task.result() for task in tasks]  # input order, like pool.map


# --8<-- [end:to_thread]


def main() -> None:
    """Run the chain both ways and check they agree."""
    # --8<-- [start:demo]
    order_ids = [1, 2, 3, 4]
    on_pool = receipts_on_pool(order_ids)
    for line in on_pool:
        print(line)
        #> order 1: $25.99
        #> order 2: unavailable (bad total_cents: 'n/a')
        #> order 3: $4.10
        #> order 4: unavailable (order 4 not found)
    print("asyncio version agrees:", asyncio.run(receipts_async(order_ids)) == on_pool)
    #> asyncio version agrees: True
    # --8<-- [end:demo]


if __name__ == "__main__":
    main()
