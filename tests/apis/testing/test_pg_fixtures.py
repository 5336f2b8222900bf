"""The isolation fixtures and the child-pytest runner: what the page says they guarantee."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import psycopg
import pytest

from examples.apis.testing import run_pytest
from examples.apis.testing.orders_store import PostgresOrders
from examples.scratch_postgres import connect
from tests.support.example_files import REPO_ROOT

CATALOG = "examples.apis.testing.catalog_tests"
ISOLATED = "examples.apis.testing.pg_fixtures"


def test_a_write_inside_db_is_gone_for_a_new_connection(db: psycopg.Connection, worker_schema: str) -> None:
    PostgresOrders(db).add_product("lamp", unit_cents=1, stock=1)
    assert PostgresOrders(db).product("lamp") is not None
    with connect(worker_schema) as other:  # uncommitted: no other session sees it
        assert PostgresOrders(other).product("lamp") is None


def test_the_seed_is_there_for_every_test(orders: PostgresOrders) -> None:
    assert [orders.product(sku).stock for sku in ("mug", "tee")] == [20, 50]


def test_make_product_gives_fresh_skus_and_defaults(make_product) -> None:
    first, second = make_product(), make_product(stock=3)
    assert (first.sku, first.stock, first.unit_cents) == ("sku-1", 10, 1000)
    assert (second.sku, second.stock) == ("sku-2", 3)


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_the_same_seed_gives_the_same_order(seed: int) -> None:
    def shuffled() -> list[int]:
        items = list(range(6))
        config = SimpleNamespace(getoption=lambda name: seed)
        run_pytest.pytest_collection_modifyitems(config, items)
        return items

    assert shuffled() == shuffled() != list(range(6))


def test_no_seed_keeps_file_order() -> None:
    items = list(range(6))
    run_pytest.pytest_collection_modifyitems(SimpleNamespace(getoption=lambda name: None), items)
    assert items == list(range(6))


@pytest.mark.usefixtures("pg_dsn")
def test_isolated_fixtures_pass_in_file_order_too() -> None:
    assert run_pytest.outcomes(CATALOG, plugins=[ISOLATED]) == [
        ("test_catalog_is_the_seed", "passed"),
        ("test_new_product", "passed"),
    ]


def test_a_run_that_tests_nothing_is_an_error_not_a_pass() -> None:
    with pytest.raises(RuntimeError, match="pytest exited 5"):
        run_pytest.outcomes("examples.apis.testing.pricing")  # no tests in it
    with pytest.raises(ValueError, match="no module"):
        run_pytest.outcomes("examples.apis.testing.no_such_module")


@pytest.mark.usefixtures("pg_dsn")
def test_each_xdist_worker_gets_its_own_schema_and_it_is_dropped(tmp_path: Path, worker_schema: str) -> None:
    probe = Path(__file__).with_name("worker_probe.py")
    command = [sys.executable, "-m", "pytest", str(probe), "-q", "-n", "2", "-p", "xdist.plugin", "-p", ISOLATED]
    child = subprocess.run(
        command,
        cwd=REPO_ROOT,
        env={**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1", "PROBE_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert child.returncode == 0, child.stdout + child.stderr
    schemas = {path.name.split("-")[0]: path.read_text() for path in tmp_path.iterdir()}
    assert sorted(schemas) == ["gw0", "gw1"]
    assert len(set(schemas.values())) == 2
    with connect(worker_schema) as conn:
        left = conn.execute(
            "SELECT count(*) FROM pg_namespace WHERE nspname = ANY(%s)", (list(schemas.values()),)
        ).fetchone()
    assert left == (0,)
