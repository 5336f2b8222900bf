"""Every benchmark runs (at tiny sizes) and reports a ratio line; no timing is asserted."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.timing import Comparison, Measurement, format_row, per_operation, predicted_ratio
from tests.support.example_files import REPO_ROOT
from tests.support.servers import require_what_source_names
from tests.support.site_build import PREBUILT_SITE_VARIABLE

# Lighthouse audits take tens of seconds each and belong outside the suite
# (benchmarks/lighthouse.py); every other benchmark runs here at tiny sizes.
NOT_IN_THE_SUITE = {"__init__.py", "timing.py", "lighthouse.py"}
BENCHMARK_FILES = sorted(path for path in (REPO_ROOT / "benchmarks").rglob("*.py") if path.name not in NOT_IN_THE_SUITE)


@pytest.mark.parametrize("path", BENCHMARK_FILES, ids=[str(p.relative_to(REPO_ROOT)) for p in BENCHMARK_FILES])
def test_benchmark_runs_and_reports_ratios(path: Path, request: pytest.FixtureRequest) -> None:
    source = path.read_text(encoding="utf-8")
    require_what_source_names(source)
    env = dict(os.environ, BENCH_QUICK="1")
    if PREBUILT_SITE_VARIABLE in source:  # measures the built site: reuse the run's build
        env[PREBUILT_SITE_VARIABLE] = str(request.getfixturevalue("built_site"))
    result = subprocess.run(
        [sys.executable, str(path)],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    # Complexity benchmarks print per-operation ratios; the site benchmark prints weights.
    assert "ratio" in result.stdout or "KB gz" in result.stdout, f"{path.name} printed no numbers:\n{result.stdout}"


def test_per_operation_measures_both_sizes() -> None:
    seen = []

    def workload(size: int):
        seen.append(size)
        return (lambda: sum(range(size))), size

    comparison = per_operation(workload, sizes=(10, 1000), repeats=2)
    assert {comparison.small.size, comparison.large.size} == {10, 1000}
    assert set(seen) == {10, 1000}
    assert comparison.small.seconds_per_op > 0


def test_a_workload_without_operations_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one operation"):
        per_operation(lambda size: ((lambda: None), 0), sizes=(1, 2), repeats=1)


def test_the_report_row_shows_sizes_times_and_ratio() -> None:
    row = format_row("get", Comparison(Measurement(1000, 1e-7), Measurement(100_000, 2e-7)))
    assert "n=    1,000:" in row
    assert "0.100 us/op" in row
    assert "ratio   2.00" in row


def test_the_time_comes_from_the_clock_given() -> None:
    ticks = iter(range(100))  # each reading is one second later than the last

    def workload(size: int):
        return (lambda: None), size

    comparison = per_operation(workload, sizes=(1, 4), repeats=1, clock=lambda: float(next(ticks)))
    assert (comparison.small.seconds_per_op, comparison.large.seconds_per_op) == (1.0, 0.25)


def test_a_claim_predicts_its_ratio() -> None:
    comparison = Comparison(Measurement(1000, 1e-6), Measurement(100_000, 1e-4))
    assert predicted_ratio("O(n)", comparison) == 100
    assert predicted_ratio("O(1)", comparison) == 1
    assert predicted_ratio("O(n^2)", comparison) == 10_000
    assert round(predicted_ratio("O(n log n)", comparison), 1) == 166.7
    with pytest.raises(ValueError, match="unknown growth"):
        predicted_ratio("O(2^n)", comparison)
