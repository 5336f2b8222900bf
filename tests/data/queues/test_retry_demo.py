from __future__ import annotations

import pytest

from examples.data.queues.retry_demo import flaky_then_fine, tries


def test_flaky_fails_only_its_first_try() -> None:
    tries.clear()
    with pytest.raises(RuntimeError):
        flaky_then_fine("flaky", b"{}")
    flaky_then_fine("flaky", b"{}")


def test_poison_always_fails_and_others_pass() -> None:
    tries.clear()
    for _ in range(3):
        with pytest.raises(RuntimeError, match="poison"):
            flaky_then_fine("poison", b"{}")
    flaky_then_fine("fine", b"{}")
