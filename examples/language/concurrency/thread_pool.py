"""Blocking I/O on a thread pool: submit, as_completed, map, and errors.

Threads suit I/O-bound work in CPython: a thread blocked on a socket or a
file releases the GIL, so the others keep running.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future, ThreadPoolExecutor, as_completed

PRICES_CENTS = {"apple": 120, "bread": 350, "cheese": 899}


# --8<-- [start:blocking_call]
def fetch_price(sku: str) -> int:
    """Stand in for a blocking HTTP call to a pricing service."""
    try:
        return PRICES_CENTS[sku]
    except KeyError:
        raise LookupError(f"no price for {sku!r}") from None


# --8<-- [end:blocking_call]


# --8<-- [start:submit]
def price_all(skus: list[str], *, workers: int = 4) -> dict[str, int | str]:
    """Price every SKU concurrently; a failure becomes an error entry, not a crash."""
    priced: dict[str, int | str] = {}
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(fetch_price, sku): sku for sku in skus}
        for future in as_completed(futures):  # completion order, not input order
            sku = futures[future]
            try:
                priced[sku] = future.result()  # re-raises the worker's exception here
            except LookupError as exc:
                priced[sku] = f"error: {exc}"
    return dict(sorted(priced.items()))


# --8<-- [end:submit]


# --8<-- [start:map]
def price_in_order(skus: list[str]) -> list[int]:
    """pool.map yields results in input order and raises at the first failure."""
    with ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(fetch_price, skus))


# --8<-- [end:map]


# --8<-- [start:timeout]
def wait_briefly_for_stuck_call(seconds: float) -> list[str]:
    """A timeout on result() stops the waiting, not the work."""
    log: list[str] = []
    started, unblock = threading.Event(), threading.Event()

    def stuck_call() -> str:
        started.set()
        unblock.wait(timeout=5)  # a real client would set a socket timeout
        return "late answer"

    with ThreadPoolExecutor(max_workers=1) as pool:
        future: Future[str] = pool.submit(stuck_call)
        started.wait(timeout=5)
        try:
            future.result(timeout=seconds)
        except TimeoutError:
            log.append("result() timed out")
        # A running thread cannot be interrupted: cancel() only stops queued work.
        log.append(f"cancel() succeeded: {future.cancel()}")
        unblock.set()
        log.append(f"the thread still finished: {future.result()}")
    return log


# --8<-- [end:timeout]


def main() -> None:
    """Show each behavior once."""
    # --8<-- [start:demo]
    for sku, outcome in price_all(["cheese", "apple", "caviar", "bread"]).items():
        print(sku, outcome)
        #> apple 120
        #> bread 350
        #> caviar error: no price for 'caviar'
        #> cheese 899
    print(price_in_order(["cheese", "apple", "bread"]))
    #> [899, 120, 350]
    try:
        price_in_order(["apple", "caviar", "bread"])
    except LookupError as exc:
        print("map raised:", exc)
        #> map raised: no price for 'caviar'
    for line in wait_briefly_for_stuck_call(0.01):
        print(line)
        #> result() timed out
        #> cancel() succeeded: False
        #> the thread still finished: late answer
    # --8<-- [end:demo]


if __name__ == "__main__":
    main()
