"""Request ids across three processes, and joining their logs."""

from __future__ import annotations

import json
import secrets

import pytest

from examples.system_design.microservices.http_kit import call, join_logs
from examples.system_design.microservices.launcher import start, start_gateway


def test_one_request_id_joins_the_logs_of_gateway_orders_and_users(backends, tmp_path) -> None:
    token = secrets.token_urlsafe(16)
    gateway_log = tmp_path / "gateway.jsonl"
    config = {
        "routes": [{"prefix": "/orders", "service": "orders", "timeout": 2.0}],
        "instances": {"orders": [backends.orders.url]},
        "rate_limit": {"burst": 10, "window": 1.0},
        "seed": None,
        "log": str(gateway_log),
    }
    with start_gateway(config, {token: "carol"}) as gateway:
        replies = [
            call(gateway.url, "/orders/103", timeout=5, headers={"Authorization": f"Bearer {token}"}) for _ in range(3)
        ]
    assert gateway.exited
    ids = [reply.headers["X-Request-ID"] for reply in replies]
    assert len(set(ids)) == 3
    logs = [gateway_log, backends.logs / "orders.jsonl", backends.logs / "users.jsonl"]
    story = [(e["service"], e["msg"], e.get("client")) for e in join_logs(logs, ids[1])]
    assert story == [
        ("users", "GET /users/2 -> 200", "carol"),
        ("orders", "call users GET /users/2 -> 200", None),
        ("orders", "GET /orders/103 -> 200", "carol"),
        ("gateway", "GET /orders/103 -> 200 (orders)", "carol"),
    ]


def test_join_logs_filters_by_id_and_sorts_by_time(tmp_path) -> None:
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_text(
        "".join(
            json.dumps(e) + "\n"
            for e in [
                {"t": 3, "service": "a", "request_id": "x", "msg": "third"},
                {"t": 1, "service": "a", "request_id": "y", "msg": "other"},
            ]
        )
    )
    b.write_text(json.dumps({"t": 2, "service": "b", "request_id": "x", "msg": "second"}) + "\n\n")
    assert [e["msg"] for e in join_logs([a, b, tmp_path / "missing.jsonl"], "x")] == ["second", "third"]


def test_the_gateway_process_needs_its_config() -> None:
    with pytest.raises(RuntimeError, match="usage: --config JSON"), start("gateway", [], name="gateway"):
        pass
