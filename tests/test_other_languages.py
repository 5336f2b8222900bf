"""Every Java, Go and TypeScript example is checked strictly, run, and prints what it says.

The checks: `javac -Xlint:all -Werror`, `gofmt -l` and `go vet`, `tsc --noEmit`
with strict on (tsconfig.json). Then each program runs with its output traced
to the print call that wrote it and compared with the `//>` lines under that
call; `python3 dev.py update-examples` rewrites them instead.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook_build.other_languages import outputs, toolchains
from handbook_build.other_languages.toolchains import GO, JAVA, TYPESCRIPT, Language
from tests.support.example_files import REPO_ROOT, example_files_in
from tests.support.toolchains import require_toolchain

FILES = {language: example_files_in(language.suffix) for language in toolchains.LANGUAGES}


@pytest.fixture(scope="session")
def typescript_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """All TypeScript examples type-checked and compiled once per test process."""
    require_toolchain(TYPESCRIPT)
    out_dir = tmp_path_factory.mktemp("typescript")
    toolchains.typescript_check_and_build(out_dir)
    return out_dir


@pytest.fixture(scope="session")
def java_tracer(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_toolchain(JAVA)
    return toolchains.java_tracer(tmp_path_factory.mktemp("java-tracer"))


def check_or_update(path: Path, stdout: str, language: Language, request: pytest.FixtureRequest) -> None:
    where = str(path.relative_to(REPO_ROOT))
    source = path.read_text(encoding="utf-8")
    calls = outputs.print_calls(source, language.print_call)
    produced = outputs.parse_trace(stdout, calls, where)
    if request.config.getoption("update_examples"):
        outputs.rewrite_file(path, calls, produced)
        return
    problems = outputs.differences(outputs.expected_blocks(source, calls, where), produced, where)
    assert not problems, "\n".join(problems) + "\n(run `python3 dev.py update-examples` to rewrite them)"


def _ids(paths: list[Path]) -> list[str]:
    return [str(p.relative_to(REPO_ROOT)) for p in paths]


@pytest.mark.parametrize("path", FILES[JAVA], ids=_ids(FILES[JAVA]))
def test_java_example(path: Path, java_tracer: Path, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    toolchains.java_check_and_build(path, tmp_path)
    check_or_update(path, toolchains.java_run_traced(path, tmp_path, java_tracer), JAVA, request)


@pytest.mark.parametrize("path", FILES[GO], ids=_ids(FILES[GO]))
def test_go_example(path: Path, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    require_toolchain(GO)
    toolchains.go_check(path)
    check_or_update(path, toolchains.go_run_traced(path, tmp_path), GO, request)


@pytest.mark.parametrize("path", FILES[TYPESCRIPT], ids=_ids(FILES[TYPESCRIPT]))
def test_typescript_example(path: Path, typescript_build: Path, request: pytest.FixtureRequest) -> None:
    check_or_update(path, toolchains.typescript_run_traced(path, typescript_build), TYPESCRIPT, request)


@pytest.mark.parametrize("language", toolchains.LANGUAGES, ids=[lang.name for lang in toolchains.LANGUAGES])
def test_every_language_has_examples(language: Language) -> None:
    assert FILES[language], f"no {language.suffix} examples under examples/: the {language.name} harness tests nothing"
