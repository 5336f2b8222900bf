"""A dirty rebuild redoes a page when its includes or the shared inputs change, and only then."""

from __future__ import annotations

import os
from pathlib import Path

from handbook_build.stale_pages import fresh_generated_pages, included_files, newest_mtime, stale_pages


def touch(path: Path, mtime: float, text: str = "") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or text:
        path.write_text(text)
    os.utime(path, (mtime, mtime))
    return path


def test_includes_are_read_with_and_without_sections(tmp_path: Path) -> None:
    markdown = (
        '--8<-- "examples/a.py:section"\n'
        '--8<-- "examples/b.sql"\n'
        '--8<-- "examples/a.py:other"\n'
    )
    assert included_files(markdown, tmp_path) == [tmp_path / "examples/a.py", tmp_path / "examples/b.sql"]


def test_newest_mtime_looks_inside_folders_but_not_at_bytecode(tmp_path: Path) -> None:
    touch(tmp_path / "hooks/a.py", 100)
    touch(tmp_path / "hooks/__pycache__/a.cpython-311.pyc", 900)
    touch(tmp_path / "data/skills.yml", 200)
    assert newest_mtime([tmp_path / "hooks", tmp_path / "data", tmp_path / "missing"]) == 200


def make_page(tmp_path: Path, built: float, includes: str = "") -> dict[str, tuple[Path, Path]]:
    source = touch(tmp_path / "docs/page.md", 10, f"# Page\n\n{includes}\n")
    output = touch(tmp_path / "site/page/index.html", built, "<html></html>")
    return {"page.md": (source, output)}


def test_a_page_whose_example_changed_after_its_build_is_stale(tmp_path: Path) -> None:
    pages = make_page(tmp_path, built=500, includes='--8<-- "examples/demo.py:part"')
    touch(tmp_path / "examples/demo.py", 400)
    assert stale_pages(pages, tmp_path, []) == []
    touch(tmp_path / "examples/demo.py", 600)
    assert stale_pages(pages, tmp_path, []) == ["page.md"]


def test_a_change_to_a_shared_input_makes_every_built_page_stale(tmp_path: Path) -> None:
    pages = make_page(tmp_path, built=500)
    touch(tmp_path / "data/glossary.yml", 400)
    assert stale_pages(pages, tmp_path, [tmp_path / "data"]) == []
    touch(tmp_path / "data/glossary.yml", 700)
    assert stale_pages(pages, tmp_path, [tmp_path / "data"]) == ["page.md"]


def test_a_page_never_built_is_left_to_mkdocs(tmp_path: Path) -> None:
    source = touch(tmp_path / "docs/new.md", 10, "# New\n")
    pages = {"new.md": (source, tmp_path / "site/new/index.html")}
    touch(tmp_path / "data/glossary.yml", 700)
    assert stale_pages(pages, tmp_path, [tmp_path / "data"]) == []


def test_generated_pages_are_fresh_until_their_shared_inputs_change(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    generated = touch(tmp_path / "gen/skills/index.md", 900, "# Skills\n")  # gen-files writes anew each build
    written = touch(tmp_path / "site/skills/index.html", 500, "<html></html>")
    on_disk = touch(docs / "page.md", 900, "# Page\n")
    pages = {"skills/index.md": (generated, written), "page.md": (on_disk, touch(tmp_path / "site/p.html", 500))}
    touch(tmp_path / "data/skills.yml", 400)
    assert fresh_generated_pages(pages, docs, [tmp_path / "data"]) == ["skills/index.md"]
    touch(tmp_path / "data/skills.yml", 600)
    assert fresh_generated_pages(pages, docs, [tmp_path / "data"]) == []
