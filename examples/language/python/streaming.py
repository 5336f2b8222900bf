"""Stream a large input through generators, so memory stays flat however big it is.

A list comprehension builds every item before the next step sees the first;
a generator hands items over one at a time. tracemalloc measures the peak
Python memory of each approach on the same input.
"""

from __future__ import annotations

import asyncio
import heapq
import tracemalloc
from collections.abc import AsyncGenerator, Callable, Generator, Iterable, Iterator
from contextlib import aclosing, closing
from itertools import islice


# --8<-- [start:pipeline]
def access_log(lines: int) -> Iterator[str]:
    """A stand-in for a big file: `for line in open(path)` is lazy in the same way."""
    for n in range(lines):
        status = 500 if n % 50 == 0 else 200
        yield f"2026-12-02T10:00:00Z GET /orders/{n} {status} {n % 300}ms"


def parsed(lines: Iterable[str]) -> Iterator[tuple[str, int, int]]:
    for line in lines:
        _, _, path, status, took = line.split()
        yield path, int(status), int(took.removesuffix("ms"))


def errors(requests: Iterable[tuple[str, int, int]]) -> Iterator[str]:
    return (path for path, status, _ in requests if status >= 500)


def first_errors(lines: int, limit: int) -> list[str]:
    # Each stage pulls one item from the one before: nothing runs ahead.
    return list(islice(errors(parsed(access_log(lines))), limit))


print(first_errors(lines=10_000_000, limit=3))  # stops after 101 lines
#> ['/orders/0', '/orders/50', '/orders/100']
# --8<-- [end:pipeline]


# --8<-- [start:memory]
def slowest_eager(lines: int) -> list[tuple[int, str]]:
    rows = list(parsed(list(access_log(lines))))  # every line, then every row
    return sorted(((took, path) for path, _, took in rows), reverse=True)[:2]


def slowest_lazy(lines: int) -> list[tuple[int, str]]:
    # nlargest keeps only the best 2 seen so far; the rows stream past it.
    return heapq.nlargest(
        2, ((took, path) for path, _, took in parsed(access_log(lines)))
    )


def peak_bytes(work: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


eager = peak_bytes(lambda: slowest_eager(100_000))
lazy = peak_bytes(lambda: slowest_lazy(100_000))
print(slowest_lazy(100_000))
#> [(299, '/orders/99899'), (299, '/orders/99599')]
print(slowest_lazy(100_000) == slowest_eager(100_000))
#> True
print(f"eager over 10 MiB: {eager > 10 * 2**20}, lazy under 1 MiB: {lazy < 2**20}")
#> eager over 10 MiB: True, lazy under 1 MiB: True
# --8<-- [end:memory]


# --8<-- [start:once]
requests = parsed(access_log(3))
print(len(list(requests)), len(list(requests)))  # a generator is used up by one pass
#> 3 0
# --8<-- [end:once]


# --8<-- [start:cleanup]
events: list[str] = []


def lines_of(name: str) -> Generator[str, None, None]:
    events.append(f"open {name}")
    try:
        yield "first"
        yield "second"
    finally:
        events.append(f"close {name}")  # runs when the consumer stops early, too


# CPython closes a generator as soon as its last reference goes; closing()
# makes it explicit, and works the same on interpreters without refcounting.
with closing(lines_of("orders.log")) as lines:
    for line in lines:
        events.append(f"read {line}")
        break  # close() raises GeneratorExit at the yield, so `finally` runs
print(events)
#> ['open orders.log', 'read first', 'close orders.log']
# --8<-- [end:cleanup]


# --8<-- [start:delegate]
def pages(total: int, size: int) -> Iterator[list[int]]:
    """A paginated API: each call returns one page of ids."""
    for start in range(0, total, size):
        yield list(range(start, min(start + size, total)))


def order_ids(total: int, size: int) -> Iterator[int]:
    for page in pages(total, size):
        yield from page  # the caller sees ids, never pages


print(list(order_ids(total=5, size=2)))
#> [0, 1, 2, 3, 4]
# --8<-- [end:delegate]


# --8<-- [start:async]
async def order_pages(log: list[str]) -> AsyncGenerator[int, None]:
    log.append("connect")
    try:
        for page in range(1, 100):
            await asyncio.sleep(0)  # stands in for one HTTP call per page
            yield page
    finally:
        log.append("disconnect")


async def first_page(log: list[str], *, close: bool) -> None:
    stream = order_pages(log)
    if close:
        async with aclosing(stream):  # awaits stream.aclose() when the block ends
            async for _ in stream:
                break
    else:
        async for _ in stream:
            break
    log.append("next line")


for close in (False, True):
    log: list[str] = []
    asyncio.run(first_page(log, close=close))
    print(f"aclosing={close}:", log)
    #> aclosing=False: ['connect', 'next line', 'disconnect']
    #> aclosing=True: ['connect', 'disconnect', 'next line']
# --8<-- [end:async]
