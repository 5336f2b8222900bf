"""The Go examples' own tests (the *_test.go files here), run with `go test -race`.

Each example is a one-file `package main` with no go.mod, so its test cannot
sit in another folder of the same package: every test file is copied with the
example it tests (and leakcheck_test.go, the shared leak check) into a fresh
folder and run there, with the race detector on and GOPROXY=off (standard
library only). A test that races fails under -race even when its assertions pass.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from handbook_build.other_languages.toolchains import GO
from tests.support.example_files import REPO_ROOT
from tests.support.toolchains import require_toolchain

HERE = Path(__file__).resolve().parent
SHARED = HERE / "leakcheck_test.go"
# Each test file here and the example it tests.
TESTED = {
    "channel_basics_test.go": "examples/language/go/channel_basics.go",
    "counter_test.go": "examples/language/go/counter.go",
    "fan_out_test.go": "examples/language/go/fan_out.go",
    "first_response_test.go": "examples/language/go/first_response.go",
    "once_test.go": "examples/language/go/once.go",
    "timeouts_cancellation_test.go": "examples/language/concurrency/timeouts_cancellation.go",
    "worker_pool_threads_test.go": "examples/language/concurrency/worker_pool_threads.go",
}
TIMEOUT_S = 300  # the first -race build compiles the race-enabled standard library


def go_env() -> dict[str, str]:
    return dict(
        os.environ, GOPROXY="off", CGO_ENABLED="1"
    )  # -race needs cgo on Go 1.19


def test_every_test_file_here_is_run_and_every_example_has_one() -> None:
    here = {p.name for p in HERE.glob("*_test.go")} - {SHARED.name}
    assert here == set(TESTED), "add the file and the example it tests to TESTED"
    examples = {
        str(p.relative_to(REPO_ROOT))
        for p in (REPO_ROOT / "examples/language/go").glob("*.go")
    }
    assert examples <= set(
        TESTED.values()
    ), f"untested Go examples: {sorted(examples - set(TESTED.values()))}"


@pytest.mark.parametrize("test_file", sorted(TESTED))
def test_go_tests_pass_under_the_race_detector(test_file: str, tmp_path: Path) -> None:
    require_toolchain(GO)
    example = REPO_ROOT / TESTED[test_file]
    files = [example, HERE / test_file, SHARED]
    for path in files:
        shutil.copy(path, tmp_path / path.name)
    result = subprocess.run(
        ["go", "test", "-race", "-count=1", "-v", *(path.name for path in files)],
        cwd=tmp_path,
        env=go_env(),
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNING: DATA RACE" not in output, output
    declared = set(
        re.findall(
            r"^func (Test\w+)\(t \*testing\.T\)",
            (HERE / test_file).read_text(),
            re.MULTILINE,
        )
    )
    passed = set(re.findall(r"^--- PASS: (Test\w+)", output, re.MULTILINE))
    assert declared, f"{test_file} declares no tests"
    assert passed == declared, f"ran {sorted(passed)}, declared {sorted(declared)}"
