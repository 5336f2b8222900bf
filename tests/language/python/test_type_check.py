"""mypy --strict over the Python-language examples, and proof that it catches a bad call."""

import subprocess
import sys
from pathlib import Path

from tests.support.example_files import REPO_ROOT

EXAMPLES = REPO_ROOT / "examples" / "language" / "python"


def mypy(*targets: Path | str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--hide-error-context", *map(str, targets)],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=300,
        check=False,
    )


def test_the_examples_pass_strict_type_checking() -> None:
    result = mypy(*sorted(EXAMPLES.glob("*.py")))
    assert result.returncode == 0, result.stdout


def test_a_wrong_argument_through_the_retry_decorator_is_caught(tmp_path: Path) -> None:
    # ParamSpec carries fetch_price's parameter types through @retry.
    caller = tmp_path / "caller.py"
    caller.write_text("from examples.language.python.decorators import fetch_price\n\nfetch_price(42)\n")
    result = mypy(caller)
    assert result.returncode == 1
    assert 'Argument 1 to "fetch_price" has incompatible type "int"; expected "str"' in result.stdout


def test_retrying_a_base_exception_such_as_ctrl_c_is_a_type_error(tmp_path: Path) -> None:
    # KeyboardInterrupt, SystemExit and CancelledError are not failures to retry.
    caller = tmp_path / "caller.py"
    caller.write_text(
        "from examples.language.python.decorators import retry\n\n"
        "retry(2, on=(KeyboardInterrupt,), sleep=print)\n"
    )
    result = mypy(caller)
    assert result.returncode == 1
    assert 'Argument "on" to "retry" has incompatible type' in result.stdout
