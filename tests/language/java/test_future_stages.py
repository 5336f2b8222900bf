"""FutureStages.java: which thread runs a stage, thenCompose and thenCombine totals, allOf."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.language.java.java_driver import JAVA_EXAMPLES, run_driver

EXAMPLE = JAVA_EXAMPLES / "FutureStages.java"
PRICES = {"apple": 120, "bread": 350, "cheese": 899}
SHIPPING = {"apple": 499, "bread": 499, "cheese": 0}
DISCOUNT_OF_CUSTOMER = {"ada": 10, "bo": 0}  # gold and basic tiers


@pytest.fixture(scope="module")
def facts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return run_driver(
        "FutureStagesCheck.java", [EXAMPLE], tmp_path_factory.mktemp("future-stages")
    )


def test_each_stage_runs_where_the_page_says(facts: dict[str, str]) -> None:
    assert facts["where"].split("|") == [
        "supplyAsync(fn) ran on our pool: false",
        "supplyAsync(fn, pool) ran on: pricing-1",
        "thenApply on a done stage ran on: main",
        "thenApply on a running stage ran on: pricing-1",
        "thenApplyAsync(fn, pool) ran on: pricing-1",
    ]


@pytest.mark.parametrize(
    ("parallelism", "thread_prefix"),
    [("1", "Thread-"), ("3", "ForkJoinPool.commonPool-worker-")],
)
def test_without_an_executor_a_small_common_pool_means_a_new_thread_per_task(
    tmp_path: Path, parallelism: str, thread_prefix: str
) -> None:
    """The CompletableFuture javadoc: the common pool, unless its parallelism is below two."""
    facts = run_driver(
        "FutureStagesCheck.java",
        [EXAMPLE],
        tmp_path,
        f"-Djava.util.concurrent.ForkJoinPool.common.parallelism={parallelism}",
    )
    assert facts["common_pool_parallelism"] == parallelism
    assert facts["no_executor_thread"].startswith(thread_prefix)


@pytest.mark.parametrize(
    ("processors", "parallelism", "thread_prefix"),
    [("2", "1", "Thread-"), ("4", "3", "ForkJoinPool.commonPool-worker-")],
)
def test_the_common_pool_leaves_one_cpu_so_two_cpus_mean_a_thread_per_task(
    tmp_path: Path, processors: str, parallelism: str, thread_prefix: str
) -> None:
    facts = run_driver(
        "FutureStagesCheck.java",
        [EXAMPLE],
        tmp_path,
        f"-XX:ActiveProcessorCount={processors}",
    )
    assert facts["available_processors"] == processors
    assert facts["common_pool_parallelism"] == parallelism
    assert facts["no_executor_thread"].startswith(thread_prefix)


def test_this_machine_matches_one_of_the_two_cases(facts: dict[str, str]) -> None:
    parallelism = int(facts["common_pool_parallelism"])
    assert parallelism == max(1, int(facts["available_processors"]) - 1)
    expected = "ForkJoinPool.commonPool-worker-" if parallelism >= 2 else "Thread-"
    assert facts["no_executor_thread"].startswith(expected)


def test_every_checkout_total_is_discounted_price_plus_shipping(
    facts: dict[str, str],
) -> None:
    for customer, percent in DISCOUNT_OF_CUSTOMER.items():
        for sku, cents in PRICES.items():
            expected = cents - cents * percent // 100 + SHIPPING[sku]
            assert facts[f"total.{customer}.{sku}"] == str(expected), (customer, sku)


def test_an_unknown_customer_or_sku_fails_the_whole_chain(
    facts: dict[str, str],
) -> None:
    assert facts["total.eve.apple"] == "NoSuchElementException: no entry for 'eve'"
    assert facts["total.ada.caviar"] == "NoSuchElementException: no entry for 'caviar'"
    # Both inputs of a thenCombine failed: the javadoc lets either error win.
    assert facts["total.eve.caviar"] in {
        "NoSuchElementException: no entry for 'eve'",
        "NoSuchElementException: no entry for 'caviar'",
    }


def test_price_all_keeps_input_order_and_reports_each_failure(
    facts: dict[str, str],
) -> None:
    assert facts["price_all.lines"] == "600"
    assert facts["price_all.errors"] == "150"  # every fourth SKU is unknown
    assert facts["price_all.empty"] == "[]"


def test_all_of_waits_for_every_future_and_cancels_none(facts: dict[str, str]) -> None:
    assert facts["all_of.done_while_one_runs"] == "false"
    assert facts["all_of.outcome"] == "NoSuchElementException"
    assert facts["all_of.slow"] == "slow done"
    assert facts["all_of.slow_cancelled"] == "false"
