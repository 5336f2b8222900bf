"""The numbers behind docs/language/python-generators-decorators-context-managers.md.

Peak Python memory (tracemalloc) of the eager and the lazy "two slowest
requests" at two input sizes: the eager one grows with the input, the lazy one
stays flat. And what a decorator costs per call: a plain call, a functools.wraps
wrapper, and the retry wrapper on a call that succeeds at once, beside one
loopback TCP round trip for scale.

    .venv/bin/python benchmarks/language_python.py
"""

from __future__ import annotations

import functools
import socket
import threading
import timeit
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from benchmarks.timing import quick_mode
from examples.language.python.decorators import logged, retry
from examples.language.python.streaming import peak_bytes, slowest_eager, slowest_lazy


def memory() -> None:
    sizes = (1_000, 10_000) if quick_mode() else (100_000, 1_000_000)
    print(f"{'lines':>10} {'eager peak MiB':>15} {'lazy peak MiB':>14} {'ratio':>8}")
    for lines in sizes:
        eager = peak_bytes(lambda lines=lines: slowest_eager(lines)) / 2**20
        lazy = peak_bytes(lambda lines=lines: slowest_lazy(lines)) / 2**20
        print(f"{lines:>10,} {eager:>15.2f} {lazy:>14.3f} {eager / lazy:>8,.0f}")


P = ParamSpec("P")
R = TypeVar("R")


def add(a: int, b: int) -> int:
    return a + b


def passthrough(function: Callable[P, R]) -> Callable[P, R]:
    """The same wrapper as decorators.logged, with functools.wraps."""

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        return function(*args, **kwargs)

    return wrapper


def call_overhead() -> None:
    calls = 20_000 if quick_mode() else 1_000_000
    variants = {
        "plain call": add,
        "bare wrapper": logged(add),
        "functools.wraps wrapper": passthrough(add),
        "@retry(3), no failure": retry(3, sleep=lambda _: None)(add),
    }
    print(f"\n{'function':<24} {'ns per call':>12} {'ratio to plain':>15} (best of 5, {calls:,} calls)")
    plain = None
    for name, function in variants.items():
        best = min(timeit.repeat(lambda f=function: f(1, 2), number=calls, repeat=5)) / calls
        plain = plain or best
        print(f"{name:<24} {best * 1e9:>12.0f} {best / plain:>15.1f}")


def loopback_round_trip() -> None:
    """One byte to an echo thread over loopback TCP and back: the cheapest network call."""
    trips = 200 if quick_mode() else 5_000
    with socket.create_server(("127.0.0.1", 0)) as server:
        client = socket.create_connection(server.getsockname(), timeout=5)
        peer, _ = server.accept()
        peer.settimeout(5)  # the echo thread gives up if the client vanishes

        def echo() -> None:
            while data := peer.recv(1):
                peer.sendall(data)

        thread = threading.Thread(target=echo, daemon=True)
        thread.start()
        with client, peer:
            client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            best = min(
                timeit.repeat(lambda: (client.sendall(b"x"), client.recv(1)), number=trips, repeat=5)
            )
            client.shutdown(socket.SHUT_WR)
            thread.join(timeout=5)
    print(f"{'loopback TCP round trip':<24} {best / trips * 1e9:>12.0f}")


if __name__ == "__main__":
    memory()
    call_overhead()
    loopback_round_trip()
