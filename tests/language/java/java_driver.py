"""Compile a Java test driver beside the examples it exercises, run it, and read its facts.

A driver is a class with a main under tests/language/java/. It calls the example's
methods, checks invariants itself where a loop of trials is involved (exiting non-zero
through Checks.fail), and prints `name=value` facts that the pytest module asserts on.
Everything is compiled the way the examples are: `javac --release 17 -Xlint:all -Werror`.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from handbook_build.other_languages import toolchains
from handbook_build.other_languages.toolchains import JAVA
from tests.support.example_files import REPO_ROOT
from tests.support.toolchains import require_toolchain

HERE = Path(__file__).resolve().parent
JAVA_EXAMPLES = REPO_ROOT / "examples" / "language" / "java"
CONCURRENCY_EXAMPLES = REPO_ROOT / "examples" / "language" / "concurrency"
RUN_TIMEOUT_S = 120


def run_driver(
    driver: str, examples: list[Path], tmp_path: Path, *jvm_options: str
) -> dict[str, str]:
    """Build `driver` (a file here) with `examples` and Checks.java, run it, return its facts."""
    require_toolchain(JAVA)
    source = tmp_path / "src"
    source.mkdir(exist_ok=True)
    for path in [*examples, HERE / "Checks.java", HERE / driver]:
        shutil.copy(path, source / path.name)
    classes = tmp_path / "classes"
    toolchains.java_check_and_build(source / driver, classes)
    result = subprocess.run(
        ["java", *jvm_options, "-cp", str(classes), Path(driver).stem],
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_S,
        check=False,
    )
    assert (
        result.returncode == 0
    ), f"{driver} failed (exit {result.returncode}):\n{result.stdout}{result.stderr}"
    facts: dict[str, str] = {}
    for line in result.stdout.splitlines():
        name, separator, value = line.partition("=")
        assert separator, f"{driver} printed a line that is not name=value: {line!r}"
        assert name not in facts, f"{driver} printed {name} twice"
        facts[name] = value
    return facts
