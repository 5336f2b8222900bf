"""Partial failure in a fan-out, and the availability of a chain of services."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.system_design.microservices.availability import (
    attempts_at_the_bottom,
    chain_availability,
    downtime_minutes,
)
from examples.system_design.microservices.fanout import FanOut, Part, dashboard
from examples.system_design.microservices.http_kit import PROBLEM_TYPES, call, read_log
from tests.system_design.microservices.conftest import ALICE, FAN_OUT_TIMEOUT


def ask(gateway, backends, fan_out: FanOut, **overrides: list[str]):
    _, url = gateway(fan_outs=[fan_out], resolver=backends.resolver(**overrides))
    return call(url, "/dashboard/1", timeout=10, headers=ALICE)


def test_everything_healthy_gives_every_part(gateway, backends) -> None:
    reply = ask(gateway, backends, dashboard(timeout=FAN_OUT_TIMEOUT, degrade=True))
    assert reply.status == 200
    body = reply.json()
    assert body["user"] == {"id": 1, "name": "Ada"}
    assert [o["id"] for o in body["orders"]["orders"]] == [101, 102]
    assert body["degraded"] == []


def test_without_a_timeout_the_client_waits_for_the_slow_part(gateway, backends) -> None:
    reply = ask(gateway, backends, dashboard(timeout=None, degrade=False), orders=[backends.slow_orders.url])
    assert reply.status == 200  # complete, because it waited the whole delay
    assert reply.json()["degraded"] == []


def test_with_a_timeout_and_no_degrading_one_slow_part_fails_the_request(gateway, backends) -> None:
    reply = ask(gateway, backends, dashboard(timeout=FAN_OUT_TIMEOUT, degrade=False), orders=[backends.slow_orders.url])
    assert reply.status == 504
    assert reply.json()["type"] == PROBLEM_TYPES + "upstream-timeout"
    assert reply.json()["detail"].startswith("orders:")


@pytest.mark.parametrize("orders", ["slow", "dead"])
def test_degrading_answers_with_the_parts_that_came_and_marks_the_rest(gateway, backends, orders) -> None:
    url = backends.slow_orders.url if orders == "slow" else backends.dead_url
    reply = ask(gateway, backends, dashboard(timeout=FAN_OUT_TIMEOUT, degrade=True), orders=[url])
    assert reply.status == 200
    body = reply.json()
    assert body == {"user": {"id": 1, "name": "Ada"}, "orders": None, "degraded": ["orders"]}


@pytest.mark.parametrize(("users", "status"), [("slow", 504), ("dead", 502)])
def test_a_required_part_fails_the_request_even_when_degrading(gateway, backends, users, status) -> None:
    url = backends.slow_users.url if users == "slow" else backends.dead_url
    reply = ask(gateway, backends, dashboard(timeout=FAN_OUT_TIMEOUT, degrade=True), users=[url])
    assert reply.status == status
    assert reply.json()["detail"].startswith("user:")


def test_a_backend_404_for_a_required_part_passes_through(gateway, backends) -> None:
    _, url = gateway(fan_outs=[dashboard(timeout=FAN_OUT_TIMEOUT, degrade=True)])
    reply = call(url, "/dashboard/42", timeout=5, headers=ALICE)
    assert reply.status == 404
    assert reply.json()["type"] == PROBLEM_TYPES + "not-found"


def test_a_non_numeric_id_is_refused_before_any_call(gateway, backends) -> None:
    _, url = gateway(fan_outs=[dashboard(timeout=FAN_OUT_TIMEOUT, degrade=True)])
    for target in ("/dashboard/abc", "/dashboard/%C2%B2", "/dashboard/", "/dashboard/1/2"):
        assert call(url, target, timeout=5, headers=ALICE).status == 400


def test_every_part_carries_the_same_request_id(gateway, backends) -> None:
    _, url = gateway(fan_outs=[dashboard(timeout=FAN_OUT_TIMEOUT, degrade=True)])
    reply = call(url, "/dashboard/2", timeout=5, headers=ALICE)
    request_id = reply.headers["X-Request-ID"]
    users = [e["msg"] for e in read_log(backends.logs / "users.jsonl") if e["request_id"] == request_id]
    orders = [e["msg"] for e in read_log(backends.logs / "orders.jsonl") if e["request_id"] == request_id]
    assert users == ["GET /users/2 -> 200"]
    assert orders == ["GET /orders?user_id=2 -> 200"]


def test_a_fan_out_needs_authentication_too(gateway, backends) -> None:
    _, url = gateway(fan_outs=[dashboard(timeout=FAN_OUT_TIMEOUT, degrade=True)])
    assert call(url, "/dashboard/1", timeout=5).status == 401


def test_an_optional_part_that_answers_404_is_degraded(gateway, backends) -> None:
    fan_out = FanOut(
        "/dashboard",
        (Part("user", "users", "/users/{id}", required=True), Part("order", "orders", "/orders/{id}")),
        timeout=FAN_OUT_TIMEOUT,
        degrade=True,
    )
    _, url = gateway(fan_outs=[fan_out])
    reply = call(url, "/dashboard/2", timeout=5, headers=ALICE)  # user 2 exists, order 2 does not
    assert reply.json() == {"user": {"id": 2, "name": "Grace"}, "order": None, "degraded": ["order"]}


# Availability


def test_a_chain_of_ten_at_three_nines_is_about_99_percent() -> None:
    assert chain_availability(0.999, 1) == 0.999
    assert math.isclose(chain_availability(0.999, 10), 0.990045, abs_tol=1e-6)
    assert math.isclose(downtime_minutes(0.999), 43.2)


def test_retries_at_every_layer_multiply() -> None:
    assert attempts_at_the_bottom(1, 5) == 1
    assert attempts_at_the_bottom(4, 3) == 64
    with pytest.raises(ValueError):
        attempts_at_the_bottom(0, 3)


@given(st.floats(0, 1), st.integers(1, 200))
def test_each_extra_service_can_only_lower_availability(a: float, k: int) -> None:
    assert chain_availability(a, k + 1) <= chain_availability(a, k) <= a


@pytest.mark.parametrize(("a", "k"), [(1.5, 1), (-0.1, 1), (math.nan, 1), (0.9, 0), (0.9, 2.0), (0.9, True)])
def test_bad_availability_inputs_are_refused(a, k) -> None:
    with pytest.raises(ValueError):
        chain_availability(a, k)
