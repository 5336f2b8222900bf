"""The race detector catches the racy counter and passes the fixed ones.

examples/language/go/counter.go runs its racy counter only when given the
argument `racy`, so the example harness (which runs it without arguments and
without -race) always sees the same two lines. Here the same file is built
with -race and run both ways: the racy run reports "WARNING: DATA RACE" at the
`n++` line and exits 66 (GORACE's default exitcode), the plain run is clean.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from handbook_build.other_languages import toolchains
from handbook_build.other_languages.toolchains import GO
from tests.language.go.test_go_tests import TIMEOUT_S, go_env
from tests.support.example_files import REPO_ROOT
from tests.support.toolchains import require_toolchain

COUNTER = REPO_ROOT / "examples/language/go/counter.go"
RACE_EXIT_STATUS = (
    66  # GORACE exitcode, default 66 (go.dev/doc/articles/race_detector#Options)
)


def racy_line() -> int:
    """The line of the unsynchronized increment, where the report must point."""
    lines = COUNTER.read_text(encoding="utf-8").splitlines()
    return next(
        number
        for number, line in enumerate(lines, start=1)
        if "hammer(func() { n++ })" in line
    )


def run(argv: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        argv,
        cwd=cwd,
        env=go_env(),
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        check=False,
    )


@pytest.fixture(scope="module")
def race_binary(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_toolchain(GO)
    out = tmp_path_factory.mktemp("race") / "counter"
    built = run(["go", "build", "-race", "-o", str(out), str(COUNTER)], COUNTER.parent)
    assert built.returncode == 0, built.stderr
    return out


def test_the_racy_counter_is_reported_and_exits_66(race_binary: Path) -> None:
    result = run([str(race_binary), "racy"], race_binary.parent)
    assert result.returncode == RACE_EXIT_STATUS, result.stderr
    assert "WARNING: DATA RACE" in result.stderr
    assert re.search(
        r"^(Read|Write) at 0x[0-9a-f]+ by goroutine \d+:$", result.stderr, re.MULTILINE
    )
    assert re.search(
        r"^Previous (read|write) at 0x[0-9a-f]+ by goroutine \d+:$",
        result.stderr,
        re.MULTILINE,
    )
    assert "main.countRacy.func1()" in result.stderr
    assert (
        f"counter.go:{racy_line()}" in result.stderr
    )  # both conflicting accesses are that line
    assert re.search(r"^Found \d+ data race\(s\)$", result.stderr, re.MULTILINE)


def test_the_mutex_and_atomic_counters_are_clean(race_binary: Path) -> None:
    result = run([str(race_binary)], race_binary.parent)
    assert result.returncode == 0, result.stderr
    assert "DATA RACE" not in result.stderr
    assert result.stdout.splitlines() == ["mutex: 8000 of 8000", "atomic: 8000 of 8000"]


def test_go_run_reports_the_race_but_exits_1(tmp_path: Path) -> None:
    """`go run` prints the program's status as "exit status 66" and exits 1 itself."""
    require_toolchain(GO)
    result = run(["go", "run", "-race", str(COUNTER), "racy"], tmp_path)
    assert result.returncode == 1
    assert "WARNING: DATA RACE" in result.stderr
    assert result.stderr.rstrip().endswith("exit status 66")


def test_go_vet_does_not_see_the_race() -> None:
    """The race is invisible to static checks: the harness's gofmt and vet pass."""
    require_toolchain(GO)
    toolchains.go_check(COUNTER)


def test_without_cgo_there_is_no_race_detector_on_go_1_19(tmp_path: Path) -> None:
    require_toolchain(GO)
    version = run(["go", "env", "GOVERSION"], tmp_path).stdout.strip()
    if not version.startswith("go1.19"):
        pytest.skip(f"{version}: the cgo requirement is checked on Go 1.19 only")
    env = dict(go_env(), CGO_ENABLED="0")
    result = subprocess.run(
        ["go", "build", "-race", "-o", str(tmp_path / "counter"), str(COUNTER)],
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        check=False,
    )
    assert result.returncode != 0
    assert "-race requires cgo" in result.stderr


def test_the_transcript_on_the_page_points_at_the_racy_line() -> None:
    """docs/language/go-concurrency.md shows the report; its line numbers must follow the file."""
    page = (REPO_ROOT / "docs/language/go-concurrency.md").read_text(encoding="utf-8")
    shown = {
        int(n) for n in re.findall(r"examples/language/go/counter\.go:(\d+)", page)
    }
    assert shown == {
        racy_line()
    }, f"the page shows counter.go:{sorted(shown)}, the racy line is {racy_line()}"
