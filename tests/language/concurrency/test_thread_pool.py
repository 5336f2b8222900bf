"""Thread pool results, errors through future.result(), and result() timeouts."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from examples.language.concurrency import thread_pool
from examples.language.concurrency.thread_pool import (
    fetch_price,
    price_all,
    price_in_order,
    wait_briefly_for_stuck_call,
)


def test_fetch_price_known_and_unknown() -> None:
    assert fetch_price("bread") == 350
    with pytest.raises(LookupError, match="no price for 'caviar'"):
        fetch_price("caviar")


def test_price_all_reports_failures_next_to_successes() -> None:
    assert price_all(["cheese", "caviar", "apple"]) == {
        "apple": 120,
        "caviar": "error: no price for 'caviar'",
        "cheese": 899,
    }


def test_price_all_when_everything_fails_or_nothing_is_asked() -> None:
    assert price_all(["x", "y"]) == {"x": "error: no price for 'x'", "y": "error: no price for 'y'"}
    assert price_all([]) == {}


def test_price_all_accounts_for_every_sku_exactly_once(monkeypatch: pytest.MonkeyPatch) -> None:
    catalog = {f"sku-{i}": i for i in range(0, 2000, 2)}  # odd SKUs are unknown
    monkeypatch.setattr(thread_pool, "PRICES_CENTS", catalog)
    skus = [f"sku-{i}" for i in range(2000)]
    priced = price_all(skus, workers=8)
    assert sorted(priced) == sorted(skus)
    for i in range(2000):
        expected = i if i % 2 == 0 else f"error: no price for 'sku-{i}'"
        assert priced[f"sku-{i}"] == expected


def test_price_in_order_keeps_input_order_and_raises_on_the_first_failure() -> None:
    assert price_in_order(["bread", "apple", "cheese", "apple"]) == [350, 120, 899, 120]
    with pytest.raises(LookupError, match="caviar"):
        price_in_order(["apple", "caviar"])


def test_a_result_timeout_does_not_stop_the_running_thread() -> None:
    assert wait_briefly_for_stuck_call(0.01) == [
        "result() timed out",
        "cancel() succeeded: False",
        "the thread still finished: late answer",
    ]


def test_leaving_the_with_block_waits_for_a_call_that_timed_out() -> None:
    """shutdown(wait=True) runs at the end of `with`: a result() timeout inside it saves no time."""
    finished = threading.Event()

    def slow_call() -> str:
        threading.Event().wait(timeout=0.05)  # nobody sets it: the call just takes a while
        finished.set()
        return "late answer"

    with ThreadPoolExecutor(max_workers=1) as pool:
        future = pool.submit(slow_call)
        with pytest.raises(TimeoutError):  # concurrent.futures.TimeoutError is the builtin since 3.11
            future.result(timeout=0)
        assert not finished.is_set()
    assert finished.is_set()  # the exit of the block waited for the call


def test_map_loses_the_later_results_but_not_the_later_calls(monkeypatch: pytest.MonkeyPatch) -> None:
    """The failure surfaces in input order; a call that was already running still completes."""
    bread_running, failed = threading.Event(), threading.Event()
    completed: list[str] = []

    def fetch(sku: str) -> int:
        if sku == "caviar":
            bread_running.wait(timeout=5)  # fail only once the later call is under way
            failed.set()
            raise LookupError("no price for 'caviar'")
        bread_running.set()
        failed.wait(timeout=5)  # still running when map raises for caviar
        completed.append(sku)
        return 1

    monkeypatch.setattr(thread_pool, "fetch_price", fetch)
    with pytest.raises(LookupError, match="caviar"):
        price_in_order(["caviar", "bread"])
    assert completed == ["bread"]
