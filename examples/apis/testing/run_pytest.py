"""Run one test file in a child pytest, in a seeded order, and return each test's outcome.

It is also the pytest plugin the child loads: `--order-seed N` shuffles the
collected tests with random.Random(N), as pytest-randomly does, so an order
that breaks a suite can be replayed exactly; `--outcomes-json PATH` writes
what happened to each test.
"""

from __future__ import annotations

import importlib.util
import json
import os
import random
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[3]
CHILD_TIMEOUT_SECONDS = 120


# --8<-- [start:plugin]
def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--order-seed", type=int, help="shuffle tests with this seed")
    parser.addoption("--outcomes-json", help="write each test's outcome here")


def pytest_collection_modifyitems(
    config: pytest.Config, items: list[pytest.Item]
) -> None:
    seed = config.getoption("order_seed")
    if seed is not None:
        random.Random(seed).shuffle(items)  # same seed, same order: replayable


# --8<-- [end:plugin]


class _Recorder:
    """Keeps (test name, outcome) in run order and writes them at the end."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.outcomes: list[tuple[str, str]] = []

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        name = report.nodeid.rsplit("::", 1)[-1]
        if report.failed:
            crash = getattr(report.longrepr, "reprcrash", None)
            reason = crash.message.splitlines()[0] if crash else report.when
            self.outcomes.append((name, f"failed: {reason}"))
        elif report.when == "call":
            self.outcomes.append((name, report.outcome))

    def pytest_sessionfinish(self) -> None:
        Path(self.path).write_text(json.dumps(self.outcomes), encoding="utf-8")


def pytest_configure(config: pytest.Config) -> None:
    path = config.getoption("outcomes_json")
    if path:
        config.pluginmanager.register(_Recorder(path), "outcomes-recorder")


def outcomes(
    module: str, *, plugins: Sequence[str] = (), order_seed: int | None = None
) -> list[tuple[str, str]]:
    """Run the tests in `module` with the fixture `plugins`; (name, outcome) in run order."""
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        raise ValueError(f"no module {module!r}")
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "outcomes.json"
        command = [sys.executable, "-m", "pytest", spec.origin, "-q"]
        # Only the plugins named here load: a fast start, and the same modules
        # on every run (Hypothesis draws constants from the ones it finds).
        for plugin in ("no:cacheprovider", "xdist.plugin", *plugins, __spec__.name):
            command += ["-p", plugin]
        command.append(f"--outcomes-json={report}")
        if order_seed is not None:
            command.append(f"--order-seed={order_seed}")
        child = subprocess.run(  # noqa: S603 - our own interpreter and arguments
            command,
            cwd=REPO_ROOT,
            env={**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"},
            capture_output=True,
            text=True,
            timeout=CHILD_TIMEOUT_SECONDS,
            check=False,
        )
        # 0: all passed, 1: some failed. Anything else (no tests, a usage or
        # collection error) means the run says nothing about the tests.
        if child.returncode not in (0, 1) or not report.exists():
            raise RuntimeError(
                f"pytest exited {child.returncode}:\n{child.stdout}{child.stderr}"
            )
        return [tuple(pair) for pair in json.loads(report.read_text(encoding="utf-8"))]
