import threading

import pytest

from examples.data.transactions.lock_wait import (
    StepDidNotBlockError,
    run_blocked_step,
    run_step,
)


def test_returns_the_blocked_steps_result_after_release() -> None:
    waiting, gate = threading.Event(), threading.Event()
    order: list[str] = []

    def step() -> str:
        waiting.set()
        assert gate.wait(timeout=5)
        order.append("step finished")
        return "done"

    def release() -> None:
        order.append("released")
        gate.set()

    assert run_blocked_step(step, waiting.is_set, release) == "done"
    assert order == ["released", "step finished"]


def test_a_step_that_never_waits_is_reported() -> None:
    with pytest.raises(StepDidNotBlockError):
        run_blocked_step(lambda: 1, lambda: False, lambda: None)


def test_the_steps_own_error_is_reraised() -> None:
    def step() -> None:
        raise KeyError("boom")

    with pytest.raises(KeyError):
        run_blocked_step(step, lambda: False, lambda: None)


def test_gives_up_when_the_step_neither_waits_nor_finishes() -> None:
    gate = threading.Event()
    try:
        with pytest.raises(TimeoutError):
            run_blocked_step(
                lambda: gate.wait(timeout=5),
                lambda: False,
                lambda: None,
                timeout=0.1,
            )
    finally:
        gate.set()


def test_run_step_without_blocking_runs_the_step_then_the_release() -> None:
    order: list[str] = []
    result = run_step(
        lambda: order.append("step") or "done",
        blocks=False,
        is_waiting=lambda: pytest.fail("nothing should ask whether it waits"),
        release=lambda: order.append("release"),
    )
    assert (result, order) == ("done", ["step", "release"])


def test_run_step_expected_to_block_must_block() -> None:
    with pytest.raises(StepDidNotBlockError):
        run_step(lambda: 1, blocks=True, is_waiting=lambda: False, release=lambda: None)


def test_run_step_that_blocks_waits_for_the_release() -> None:
    waiting, gate = threading.Event(), threading.Event()

    def step() -> str:
        waiting.set()
        assert gate.wait(timeout=5)
        return "released"

    assert run_step(step, blocks=True, is_waiting=waiting.is_set, release=gate.set) == (
        "released"
    )
