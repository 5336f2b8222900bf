"""Every code block on the site is tested or says why it is only illustrative.

A block passes when it is one of:
- an include (pymdownx.snippets) of a file under examples/ that a harness runs
  (.py by tests/test_docs.py, .sql by tests/test_sql_examples.py, a coding
  problem's .cases.json by tests/coding/test_case_files.py, .java, .go and .ts
  by tests/test_other_languages.py);
- a Python fence that tests/test_docs.py runs in place (found the way
  pytest-examples finds them, so "runs" means exactly that);
- a mermaid diagram;
- a fence marked `{ .text illustrative="<reason>" }` (a terminal transcript, an
  HTTP exchange, a sketch of a file layout). The brace form matters:
  superfences renders a fence with an unknown bare option as a paragraph.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_examples import find_examples

from handbook_build.other_languages.toolchains import LANGUAGES
from tests.support.example_files import DOCS_DIR, REPO_ROOT, example_files_in, markdown_pages
from tests.support.fences import Fence, find_fences

TESTED_SUFFIXES = {".py", ".sql"}
TESTED_NAME_ENDINGS = (".cases.json",)
# Java, Go and TypeScript files count only where tests/test_other_languages.py runs them
# (not Go test files, .d.ts files or the type_errors folders a page shows failing).
OTHER_LANGUAGE_FILES = {path for language in LANGUAGES for path in example_files_in(language.suffix)}
BRACE_FORM = '``` { .text illustrative="<reason>" }'


def fences_the_harness_runs(page: Path) -> set[int]:
    """Opening-fence lines of the Python blocks tests/test_docs.py collects on `page`."""
    return {example.start_line for example in find_examples(page)}


def problem_with(fence: Fence, harness_lines: set[int]) -> str | None:
    reason = fence.settings.get("illustrative")
    if reason is not None:
        if not fence.info.strip().startswith("{"):
            return f"marks illustrative without braces, so it renders as a paragraph; write {BRACE_FORM}"
        return None if reason.strip() else "says illustrative but gives no reason"
    if fence.language == "mermaid":
        return None
    targets = fence.snippet_targets()
    if targets is not None:
        for target in targets:
            file_part = target.split(":", 1)[0]
            path = REPO_ROOT / file_part
            tested = (
                path.suffix in TESTED_SUFFIXES
                or path.name.endswith(TESTED_NAME_ENDINGS)
                or path in OTHER_LANGUAGE_FILES
            )
            if not file_part.startswith("examples/") or not tested:
                return (
                    f"includes {target!r}, which no harness runs "
                    "(only examples/**/*.py, *.sql, *.cases.json, *.java, *.go, *.ts are)"
                )
            if not path.exists():
                return f"includes {target!r}, which does not exist"
        return None
    if fence.line in harness_lines:
        return None
    return (
        f"a `{fence.language or 'plain'}` block that is neither included from examples/, "
        f"nor a Python fence the harness runs, nor marked {BRACE_FORM}"
    )


def test_every_code_block_is_tested_or_marked_illustrative() -> None:
    pages = markdown_pages()
    assert pages, f"no markdown pages found under {DOCS_DIR}"
    problems = []
    for page in pages:
        harness_lines = fences_the_harness_runs(page)
        for fence in find_fences(page):
            problem = problem_with(fence, harness_lines)
            if problem:
                problems.append(f"{fence.path.relative_to(REPO_ROOT)}:{fence.line}: {problem}")
    assert not problems, "Untested code blocks:\n" + "\n".join(problems)


@pytest.mark.parametrize(
    ("info", "body", "harness_runs_it", "expected_ok"),
    [
        ('{ .text illustrative="terminal transcript" }', ["$ ls"], False, True),
        ('{ .text illustrative="" }', ["$ ls"], False, False),
        ('text illustrative="renders as a paragraph"', ["$ ls"], False, False),
        ("text", ["$ ls"], False, False),
        ("bash", ["rm -rf /"], False, False),
        ("mermaid", ["flowchart LR", "A-->B"], False, True),
        ("python", ["print(1)"], True, True),
        ("{ .python }", ["print(1)"], False, False),
        ('python title="x.py"', ['--8<-- "examples/missing/nope.py"'], True, False),
        ("python", ['--8<-- "docs/index.md"'], True, False),
        ("json", ['--8<-- "examples/coding/the_round/login_streaks.cases.json"'], False, True),
        ("json", ['--8<-- "examples/coding/the_round/notes.json"'], False, False),
        ("", ["plain"], False, False),
        ("java", ['--8<-- "examples/language/concurrency/ThreadPool.java:demo"'], False, True),
        ("go", ['--8<-- "examples/language/concurrency/thread_pool.go"'], False, True),
        ("ts", ['--8<-- "examples/language/concurrency/thread_pool.ts:demo"'], False, True),
        ("ts", ['--8<-- "examples/language/python/type_errors/whatever.ts"'], False, False),
        ("go", ['--8<-- "examples/language/concurrency/pool_test.go"'], False, False),
    ],
)
def test_the_classifier_accepts_and_refuses_what_it_should(
    info: str, body: list[str], harness_runs_it: bool, expected_ok: bool
) -> None:
    fence = Fence(REPO_ROOT / "docs/page.md", 1, info, body)
    harness_lines = {1} if harness_runs_it else set()
    assert (problem_with(fence, harness_lines) is None) is expected_ok


def test_it_finds_blocks_nested_in_tabs_and_admonitions(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        '=== "Python"\n\n    ```text\n    untested\n    ```\n\n!!! tip\n\n    ```python\n    print(2)\n    ```\n'
    )
    fences = find_fences(page)
    assert [(f.line, f.language) for f in fences] == [(3, "text"), (9, "python")]
    harness_lines = fences_the_harness_runs(page)
    assert [problem_with(f, harness_lines) is None for f in fences] == [False, True]
