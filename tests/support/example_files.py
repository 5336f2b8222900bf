"""Where the examples and pages live, shared by the harness and the coverage test."""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
EXAMPLES_DIR = REPO_ROOT / "examples"
DOCS_DIR = REPO_ROOT / "docs"


def example_python_files() -> list[Path]:
    """Every runnable Python example (package markers excluded)."""
    return sorted(p for p in EXAMPLES_DIR.rglob("*.py") if p.name != "__init__.py")


def markdown_pages() -> list[Path]:
    return sorted(DOCS_DIR.rglob("*.md"))


# Deliberately wrong code that a page shows failing its type check; never run as an example.
NOT_RUN_FOLDERS = {"type_errors"}


def example_files_in(suffix: str) -> list[Path]:
    """Every runnable example with `suffix` (".java", ".go", ".ts"); Go tests and .d.ts files excluded."""
    return sorted(
        path for path in EXAMPLES_DIR.rglob(f"*{suffix}")
        if not path.name.endswith(("_test.go", ".d.ts")) and not NOT_RUN_FOLDERS & set(path.parts)
    )
