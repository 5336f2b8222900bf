"""What keep-alive saves: per-request time on one kept connection vs a new one each time.

The same uvicorn origin and http.client code as
examples/fundamentals/http/keepalive.py, over plain TCP and over TLS 1.3
(a full handshake per new connection). Client and server share this process
and loopback, so the figures are mostly CPU: on a real network a new
connection adds one round trip for TCP and one more for TLS.

    .venv/bin/python benchmarks/fundamentals_http.py
"""

from __future__ import annotations

import time

from benchmarks.timing import quick_mode
from examples.fundamentals.http.keepalive import kept_alive, new_each_time, origin_over_tls
from examples.fundamentals.http.origin import Origin
from examples.uvicorn_server import serve

REQUESTS = 10 if quick_mode() else 500
ROUNDS = 1 if quick_mode() else 3  # best of three: a shared machine only adds time


def per_request_ms(run) -> float:
    best = float("inf")
    for _ in range(ROUNDS):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best / REQUESTS * 1000


def main() -> None:
    print(f"per request, best of {ROUNDS} runs of {REQUESTS} GETs over loopback")
    for transport in ("TCP", "TLS"):
        times = {}
        for way in (kept_alive, new_each_time):
            if transport == "TCP":
                with serve(Origin(), http="h11") as port:
                    times[way.__name__] = per_request_ms(lambda way=way, port=port: way(port, REQUESTS))
            else:
                with origin_over_tls(Origin()) as (port, tls):
                    times[way.__name__] = per_request_ms(
                        lambda way=way, port=port, tls=tls: way(port, REQUESTS, tls)
                    )
        kept, new = times["kept_alive"], times["new_each_time"]
        print(
            f"  {transport}: kept alive {kept:7.3f} ms   new connection {new:7.3f} ms"
            f"   ratio {new / kept:5.1f}"
        )


if __name__ == "__main__":
    main()
