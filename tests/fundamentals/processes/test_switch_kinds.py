"""Which switches a worker makes: sleeping is voluntary, being preempted is not."""

from __future__ import annotations

import pytest

from examples.fundamentals.processes.cpu_work import one_cpu
from examples.fundamentals.processes.switch_kinds import run_counted, sleeper, spinner


def test_each_sleep_is_one_voluntary_switch() -> None:
    counted = run_counted(sleeper, 100)
    assert counted.switches.voluntary >= 100
    assert counted.switches.dominant() == "voluntary"


def test_a_spinner_that_shares_its_cpu_is_preempted_and_never_yields() -> None:
    counted = run_counted(spinner, 3_000_000, cpu=one_cpu(), rivals=1)
    assert counted.switches.dominant() == "involuntary"
    assert counted.switches.involuntary >= 1
    assert counted.cpu_s > 0


def test_a_failing_worker_is_reported_not_waited_for() -> None:
    def broken(size: int) -> None:
        raise RuntimeError("bad work")

    with pytest.raises(ChildProcessError, match="exited with code 1"):
        run_counted(broken, 1)


@pytest.mark.parametrize(
    ("size", "cpu", "rivals", "message"),
    [(-1, None, 0, "size must be >= 0"), (1, None, 1, "need a cpu"), (1, 0, -1, "rivals must be >= 0")],
)
def test_bad_arguments_are_refused(size: int, cpu: int | None, rivals: int, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        run_counted(spinner, size, cpu=cpu, rivals=rivals)
