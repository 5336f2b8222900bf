"""Decorators: a retry that keeps the wrapped function's name, docstring and signature.

A decorator is a function that takes a function and returns one. Without
functools.wraps the returned wrapper replaces the original's metadata, which
breaks logs, tracebacks, help(), FastAPI's dependency injection and anything
else that reads the signature. ParamSpec keeps the parameter types, so a type
checker still checks calls through the decorator.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


# --8<-- [start:naive]
def logged(function: Callable[P, R]) -> Callable[P, R]:
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        return function(*args, **kwargs)

    return wrapper  # no functools.wraps


@logged
def fetch_order(order_id: int, *, timeout: float = 2.0) -> str:
    """Load one order."""
    return f"order {order_id}"


print(fetch_order.__name__, fetch_order.__doc__, inspect.signature(fetch_order))
#> wrapper None (*args: 'P.args', **kwargs: 'P.kwargs') -> 'R'
# --8<-- [end:naive]


# --8<-- [start:retry]
class TransientError(Exception):
    """A failure worth retrying: a timeout, a 503, a dropped connection."""


def retry(
    attempts: int,
    *,
    on: tuple[type[Exception], ...] = (TransientError,),
    sleep: Callable[[float], None],
    base_delay: float = 0.1,
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Call the function up to `attempts` times, backing off after each listed failure.

    A decorator with arguments is a function that returns the decorator.
    Only the exceptions in `on` are retried: a bug (TypeError, KeyError) or a
    refusal (a 4xx) fails at once. `sleep` is injected so tests do not wait.
    The waits have no jitter and no cap: fine for one caller, but many clients
    retrying a shared service in step need both (full jitter, a deadline).
    """
    if attempts < 1:
        raise ValueError(f"attempts must be at least 1, got {attempts}")

    def decorate(function: Callable[P, R]) -> Callable[P, R]:
        if inspect.iscoroutinefunction(function):
            # Calling it returns a coroutine and raises nothing, so this loop
            # would never retry: an async retry must await inside the loop.
            raise TypeError(
                f"retry() needs a sync function; {function.__name__} is async"
            )

        @functools.wraps(function)  # copies __name__, __doc__, __wrapped__ ...
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            for attempt in range(1, attempts + 1):
                try:
                    return function(*args, **kwargs)
                except on:
                    if attempt == attempts:
                        raise  # the last failure, with its own traceback
                    sleep(base_delay * 2 ** (attempt - 1))
            raise AssertionError("unreachable: the loop returns or raises")

        return wrapper

    return decorate


# --8<-- [end:retry]


# --8<-- [start:retry-demo]
waits: list[float] = []
calls: list[int] = []


@retry(3, sleep=waits.append)
def fetch_price(sku: str) -> int:
    """Price in cents, from a flaky pricing service."""
    calls.append(1)
    if len(calls) < 3:
        raise TransientError("pricing service timed out")
    return 1250


print(fetch_price("A-1"), len(calls), waits)
#> 1250 3 [0.1, 0.2]
print(fetch_price.__name__, inspect.signature(fetch_price), fetch_price.__doc__)
#> fetch_price (sku: 'str') -> 'int' Price in cents, from a flaky pricing service.
# --8<-- [end:retry-demo]


# --8<-- [start:cache]
lookups: list[str] = []


@functools.lru_cache(maxsize=1024)  # bounded: @cache alone grows without limit
def country_of(phone_prefix: str) -> str:
    lookups.append(phone_prefix)
    return {"+1": "US", "+44": "GB", "+91": "IN"}.get(phone_prefix, "unknown")


for prefix in ["+1", "+44", "+1", "+1"]:
    country_of(prefix)
print(lookups, country_of.cache_info())
#> ['+1', '+44'] CacheInfo(hits=2, misses=2, maxsize=1024, currsize=2)
try:
    country_of(["+1"])  # type: ignore[arg-type]  # arguments are the key: hashable only
except TypeError as error:
    print(error)
    #> unhashable type: 'list'
# --8<-- [end:cache]


# --8<-- [start:stacking]
order: list[str] = []


def traced(name: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    def decorate(function: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(function)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            order.append(f"{name} in")
            try:
                return function(*args, **kwargs)
            finally:
                order.append(f"{name} out")

        return wrapper

    return decorate


@traced("outer")  # applied last, so it runs first
@traced("inner")  # applied first: handler = outer(inner(handler))
def handler() -> str:
    order.append("body")
    return "ok"


handler()
print(order)
#> ['outer in', 'inner in', 'body', 'inner out', 'outer out']
# --8<-- [end:stacking]
