"""Probes and the in-flight guard, over real HTTP on loopback."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import httpx2
import pytest

from examples.reliability.service_app import ServiceState, make_app
from examples.uvicorn_server import serve


@pytest.fixture
def service() -> Iterator[tuple[httpx2.Client, ServiceState, dict[str, bool]]]:
    flags = {"db": True}
    state = ServiceState(max_in_flight=3)
    with serve(make_app(state)) as port, httpx2.Client(
        base_url=f"http://127.0.0.1:{port}", timeout=10
    ) as client:
        yield client, state, flags


def test_readiness_follows_the_dependency_and_liveness_does_not(service) -> None:
    client, state, _ = service
    assert client.get("/readyz").status_code == 200
    state.dependency_up = False
    assert client.get("/readyz").status_code == 503
    assert client.get("/livez").status_code == 200


def test_draining_fails_readiness_only(service) -> None:
    client, state, _ = service
    state.draining = True
    assert client.get("/readyz").status_code == 503
    assert client.get("/livez").status_code == 200
    assert client.get("/work").status_code == 200  # still serving while draining


def test_draining_responses_ask_the_client_to_close_the_connection(service) -> None:
    client, state, _ = service
    assert client.get("/livez").headers.get("connection") != "close"
    state.draining = True
    for path in ["/livez", "/readyz", "/work"]:
        assert client.get(path).headers["connection"] == "close"


def test_requests_beyond_the_limit_get_503_with_retry_after(service) -> None:
    client, state, _ = service
    url = str(client.base_url)
    statuses: list[int] = []
    threads = [
        threading.Thread(
            target=lambda: statuses.append(
                httpx2.get(url + "/work?ms=1500", timeout=10).status_code
            )
        )
        for _ in range(3)
    ]
    for thread in threads:
        thread.start()
    deadline_checks = 0
    while client.get("/livez").json()["in_flight"] < 3:
        deadline_checks += 1
        assert deadline_checks < 500, "the slow requests never started"
    busy = client.get("/work")
    assert busy.status_code == 503
    assert busy.headers["retry-after"] == "1"
    for thread in threads:
        thread.join(timeout=10)
    assert statuses == [200, 200, 200]
    assert state.in_flight == 0
    assert client.get("/work").status_code == 200


@pytest.mark.parametrize("ms", ["abc", "-1", "10001", "1.5"])
def test_bad_work_durations_are_refused(service, ms: str) -> None:
    client, state, _ = service
    response = client.get("/work", params={"ms": ms})
    assert response.status_code == 400
    assert state.in_flight == 0


def test_a_background_check_sets_the_flag_that_readiness_reads() -> None:
    database = {"up": True}
    pings = []

    async def ping() -> bool:
        pings.append(1)
        if database["up"] is None:
            raise ConnectionError("no route")
        return database["up"]

    state = ServiceState()
    with (
        serve(make_app(state, ping=ping, every_s=0.01)) as port,
        httpx2.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as client,
    ):

        def readiness_becomes(status: int) -> bool:
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                if client.get("/readyz").status_code == status:
                    return True
                time.sleep(0.01)
            return False

        assert readiness_becomes(200)
        database["up"] = False
        assert readiness_becomes(503)
        database["up"] = None  # a ping that raises counts as down too
        assert readiness_becomes(503)
        database["up"] = True
        assert readiness_becomes(200)
        assert client.get("/livez").status_code == 200


def test_probes_read_the_flag_and_never_ping_themselves() -> None:
    pings = []

    async def ping() -> bool:
        pings.append(1)
        return True

    state = ServiceState()
    with (
        serve(make_app(state, ping=ping, every_s=3600)) as port,
        httpx2.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as client,
    ):
        for _ in range(20):
            assert client.get("/readyz").status_code == 200
        assert pings == [1]  # the one at startup; the next is an hour away
