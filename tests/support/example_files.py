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
