"""Which pages a `mkdocs serve --dirty` rebuild must redo, beyond the ones MkDocs sees.

MkDocs' dirty build redoes a page only when its own source is newer than its
output. A page here also depends on the example files it includes and on what
every page is built from (the glossary and skill data, the configuration, the
hooks, the theme overrides), so a change to any of those must redo it too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path

# `--8<-- "examples/x.py"` or `--8<-- "examples/x.py:section"` (pymdownx.snippets).
_INCLUDE = re.compile(r'--8<--\s+"([^":]+)(?::[^"]*)?"')


def included_files(markdown: str, base: Path) -> list[Path]:
    """The files a page's markdown includes with pymdownx.snippets, resolved against `base`."""
    return [base / path for path in dict.fromkeys(_INCLUDE.findall(markdown))]


def newest_mtime(paths: Iterable[Path]) -> float:
    """The latest modification time among `paths` and, for folders, everything inside them."""
    newest = 0.0
    for path in paths:
        if path.is_dir():
            # Compiled bytecode changes when Python imports, not when we edit.
            files = (p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
            newest = max([newest, *(p.stat().st_mtime for p in files)])
        elif path.is_file():
            newest = max(newest, path.stat().st_mtime)
    return newest


def stale_pages(
    pages: Mapping[str, tuple[Path, Path]], base: Path, shared_inputs: Iterable[Path]
) -> list[str]:
    """Pages (by src_uri) whose output is older than an input MkDocs does not track.

    `pages` maps src_uri -> (source file, output file).
    """
    shared = newest_mtime(shared_inputs)
    stale = []
    for uri, (source, output) in pages.items():
        if not output.is_file():
            continue  # MkDocs builds a page with no output anyway
        built = output.stat().st_mtime
        inputs = included_files(source.read_text(encoding="utf-8"), base) if source.suffix == ".md" else []
        if max(shared, newest_mtime(inputs)) > built:
            stale.append(uri)
    return stale


def fresh_generated_pages(
    pages: Mapping[str, tuple[Path, Path]], docs_dir: Path, shared_inputs: Iterable[Path]
) -> list[str]:
    """Generated pages (written outside docs/ at every build) whose output is newer than what they are made from.

    mkdocs-gen-files writes its pages afresh each build, so MkDocs would see
    them all as changed; they change only when the data or code behind them does.
    """
    shared = newest_mtime(shared_inputs)
    return [
        uri
        for uri, (source, output) in pages.items()
        if not source.is_relative_to(docs_dir) and output.is_file() and output.stat().st_mtime >= shared
    ]
