"""The "Try it" on the Go concurrency page: wg.Wait() before draining results deadlocks.

The pool from examples/language/concurrency/worker_pool_threads.go, with the
closer goroutine replaced by a plain `wg.Wait(); close(results)` in the caller,
is built and run: every goroutine blocks, and the runtime says so.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from handbook_build.other_languages.toolchains import GO
from tests.language.go.test_go_tests import TIMEOUT_S, go_env
from tests.support.example_files import REPO_ROOT
from tests.support.toolchains import require_toolchain

POOL = REPO_ROOT / "examples/language/concurrency/worker_pool_threads.go"
CLOSER = """\tgo func() {
\t\twg.Wait()      // the last worker has sent its last result...
\t\tclose(results) // ...so the range below can end
\t}()
"""
WAIT_FIRST = "\twg.Wait() // waits for workers that wait for a receiver: never returns\n\tclose(results)\n"


def test_waiting_for_the_workers_before_draining_results_deadlocks(
    tmp_path: Path,
) -> None:
    require_toolchain(GO)
    source = POOL.read_text(encoding="utf-8")
    assert (
        CLOSER in source
    ), "the closer goroutine changed: update this test and the page's Try it"
    program = tmp_path / "pool.go"
    program.write_text(source.replace(CLOSER, WAIT_FIRST), encoding="utf-8")
    result = subprocess.run(
        ["go", "run", str(program)],
        cwd=tmp_path,
        env=go_env(),
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        check=False,
    )
    assert result.returncode != 0
    assert "fatal error: all goroutines are asleep - deadlock!" in result.stderr
    assert "job 0" not in result.stdout  # it dies before printing anything
