"""measure_index: seeded data, the plan flips from SCAN to SEARCH, and the work follows the rows."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest

from examples.data.sql_most_orders.measure_index import (
    build_dataset,
    create_user_id_index,
    measure,
    order_of_magnitude,
    report,
    verdict,
)


@pytest.fixture
def small() -> Iterator[sqlite3.Connection]:
    connection = build_dataset(users=200, orders=2_000)
    yield connection
    connection.close()


def test_same_seed_gives_the_same_rows() -> None:
    first, second = build_dataset(50, 500, seed=3), build_dataset(50, 500, seed=3)
    query = "SELECT id, user_id, total_cents FROM orders ORDER BY id"
    assert first.execute(query).fetchall() == second.execute(query).fetchall()
    other = build_dataset(50, 500, seed=4)
    assert first.execute(query).fetchall() != other.execute(query).fetchall()
    for connection in (first, second, other):
        connection.close()


def test_dataset_has_the_requested_sizes(small: sqlite3.Connection) -> None:
    assert small.execute("SELECT COUNT(*) FROM users").fetchone() == (200,)
    assert small.execute("SELECT COUNT(*) FROM orders").fetchone() == (2_000,)


@pytest.mark.parametrize(("users", "orders"), [(0, 10), (-1, 10), (10, -1)])
def test_bad_sizes_are_rejected(users: int, orders: int) -> None:
    with pytest.raises(ValueError, match="at least one user"):
        build_dataset(users, orders)


def test_plan_changes_from_scan_to_search_and_the_answer_does_not(small: sqlite3.Connection) -> None:
    before = measure(small, user_id=7)
    create_user_id_index(small)
    after = measure(small, user_id=7)
    assert before.plan == "SCAN orders"
    assert after.plan == "SEARCH orders USING INDEX orders_user_id_idx (user_id=?)"
    expected = small.execute("SELECT COUNT(*) FROM orders WHERE user_id = 7").fetchone()[0]
    assert before.rows == after.rows == expected > 0


def test_scan_work_grows_with_the_table_and_index_work_does_not() -> None:
    steps = {}
    for orders in (2_000, 8_000):
        with build_dataset(users=100, orders=orders) as db:
            # Give user 1 exactly the same three orders in both tables.
            db.execute("UPDATE orders SET user_id = 2 WHERE user_id = 1")
            db.execute("UPDATE orders SET user_id = 1 WHERE id IN (10, 20, 30)")
            scan = measure(db, user_id=1)
            create_user_id_index(db)
            search = measure(db, user_id=1)
        db.close()
        assert scan.rows == search.rows == 3
        steps[orders] = (scan.vm_steps, search.vm_steps)
    scan_growth = steps[8_000][0] / steps[2_000][0]
    search_growth = steps[8_000][1] / steps[2_000][1]
    assert 3.5 < scan_growth < 4.5, "a scan reads every row: 4x the rows, about 4x the work"
    assert search_growth < 1.5, "a search reads the matching rows (plus a tree descent)"


def test_measuring_is_repeatable(small: sqlite3.Connection) -> None:
    assert measure(small, user_id=9) == measure(small, user_id=9)


@pytest.mark.parametrize(("ratio", "expected"), [(0.5, 1), (1, 1), (9.99, 1), (10, 10), (390.2, 100), (1_000, 1_000)])
def test_order_of_magnitude(ratio: float, expected: int) -> None:
    assert order_of_magnitude(ratio) == expected


def test_report_names_both_plans() -> None:
    text = report(users=100, orders=1_000, user_id=3)
    assert "before: SCAN orders" in text
    assert "after: SEARCH orders USING INDEX orders_user_id_idx" in text


def test_report_on_a_tiny_table_does_not_claim_the_index_saved_work() -> None:
    # One order: the scan reads one row, the search walks an index as well, so
    # the index costs more. The report must not say "less work" then.
    verdict = report(users=1, orders=1, user_id=1).splitlines()[-1]
    assert "less work" not in verdict
    assert verdict == "the index did more work than the scan"


def test_report_on_an_empty_table_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="at least one order"):
        report(users=10, orders=0)


@pytest.mark.parametrize(
    ("scan", "search", "expected"),
    [
        (100, 100, "the index did more work than the scan"),
        (14, 16, "the index did more work than the scan"),
        (30, 20, "the index did 1.5x less work"),
        (1_000, 10, "the index did at least 100x less work"),  # exactly 100: "at least", not "over"
        (30_041, 77, "the index did at least 100x less work"),
        (120_026, 47, "the index did at least 1,000x less work"),
    ],
)
def test_verdict(scan: int, search: int, expected: str) -> None:
    assert verdict(scan, search) == expected
