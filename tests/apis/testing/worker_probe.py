"""Run by test_pg_fixtures.py in a child pytest with two xdist workers (not collected by the suite).

Each test records the schema its `db` fixture connects to, and checks that it
is its own worker's.
"""

from __future__ import annotations

import os
from pathlib import Path

import psycopg
import pytest


@pytest.mark.parametrize("n", range(4))
def test_probe(db: psycopg.Connection, n: int) -> None:
    (schema,) = db.execute("SELECT current_schema()").fetchone()
    worker = os.environ.get("PYTEST_XDIST_WORKER", "master")
    assert schema.startswith(f"orders_{worker}_")
    out = Path(os.environ["PROBE_DIR"]) / f"{worker}-{n}"
    out.write_text(schema, encoding="utf-8")
