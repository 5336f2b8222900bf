"""FutureFailures.java: expected errors fall back, bugs fail the chain, timeouts stop no work."""

from __future__ import annotations

import pytest

from tests.language.java.java_driver import JAVA_EXAMPLES, run_driver


@pytest.fixture(scope="module")
def facts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return run_driver(
        "FutureFailuresCheck.java",
        [JAVA_EXAMPLES / "FutureFailures.java"],
        tmp_path_factory.mktemp("future-failures"),
    )


def test_the_fallback_covers_the_expected_error_only(facts: dict[str, str]) -> None:
    assert facts["label.bread"] == "value bread 350"
    assert facts["label.unknown"] == "value ghee unpriced"
    assert (
        facts["label.null"] == "error NullPointerException"
    )  # a bug is not turned into "unpriced"


def test_errors_arrive_wrapped_once_a_stage_threw(facts: dict[str, str]) -> None:
    assert facts["errors"].split("|") == [
        "exceptionally got CompletionException around NoSuchElementException",
        "handle: fallback, because no price for 'caviar'",
        "join() threw CompletionException around NoSuchElementException",
        "get() threw ExecutionException around NoSuchElementException",
    ]
    assert (
        facts["failed_future.attached"] == "true"
    )  # set directly: bare at the next stage
    assert facts["failed_future.one_stage_later"] == "true"  # then wrapped
    assert facts["unwrap.bare"] == facts["unwrap.wrapped"] == "true"


def test_a_timeout_completes_the_future_and_leaves_the_call_running(
    facts: dict[str, str],
) -> None:
    assert facts["timeouts"].split("|") == [
        "completeOnTimeout gave: cached answer",
        "orTimeout failed it with TimeoutException",
        "the call still ran to the end, interrupted: false",
        "its answer was dropped, the future still holds: TimeoutException",
    ]
    assert facts["complete_on_timeout.fast"] == "real"


def test_cancel_true_does_not_interrupt_a_completable_futures_supplier(
    facts: dict[str, str],
) -> None:
    assert facts["cancel.returned"] == facts["cancel.is_cancelled"] == "true"
    assert facts["cancel.interrupted"] == "false"


def test_a_call_that_times_out_while_queued_never_runs(facts: dict[str, str]) -> None:
    assert facts["queued.outcome"] == "error TimeoutException"
    assert facts["queued.ran"] == "false"


def test_stages_of_a_timed_out_future_run_on_the_jdks_delay_thread(
    facts: dict[str, str],
) -> None:
    """Keep them light, or pass an executor (handleAsync(fn, pool)): that one thread serves every timeout."""
    assert facts["queued.dependent_thread"] == "CompletableFutureDelayScheduler"
