"""MkDocs hook: turn each `!!! quiz` marker into a predict-the-output question (handbook_build/quizzes.py).

The answer is read from the example's checked `#>` output while the page
builds; a marker that names a missing file, section or output fails the build.
"""

import json
from html import escape
from pathlib import Path

from mkdocs.exceptions import PluginError

from handbook_build.quizzes import QuizError, expand_quizzes, fill_quizzes, source_line_offset
from handbook_build.skill_pages import OVERVIEW_PAGE, QUIZ_SECTIONS_SLOT

_root = Path()
_docs = "docs"
# Quiz id -> "page:line" for this build: the tracker will key results by id.
_ids: dict[str, str] = {}


def on_config(config):
    global _root, _docs
    _root = Path(config.config_file_path).resolve().parent
    _docs = Path(config.docs_dir).resolve().relative_to(_root).as_posix()
    _ids.clear()  # `mkdocs serve` reruns this before every rebuild
    return config


def on_page_markdown(markdown, page, **_):
    name = f"{_docs}/{page.file.src_uri}"
    first_line = source_line_offset(page.file.content_string, markdown) + 1
    try:
        markdown, quizzes = expand_quizzes(markdown, name, _root, first_line=first_line, seen=_ids)
    except QuizError as error:
        raise PluginError(str(error)) from None
    page.handbook_quizzes = quizzes
    return markdown


def on_page_content(html, page, config, **_):
    quizzes = page.__dict__.pop("handbook_quizzes", None)
    if not quizzes:
        return html
    try:
        return fill_quizzes(html, quizzes, config.repo_url)
    except QuizError as error:
        raise PluginError(str(error)) from None


def quiz_sections(ids: dict[str, str], docs: str) -> dict[str, str]:
    """Quiz id -> the docs section (top folder under docs/) of its page; ids values are "page:line"."""
    sections = {}
    for quiz_id, where in sorted(ids.items()):
        page = where.rsplit(":", 1)[0].removeprefix(f"{docs}/")
        sections[quiz_id] = page.split("/", 1)[0] if "/" in page else ""
    return sections


def on_post_page(output, page, **_):
    # Every page's markdown is read before any is written, so `_ids` is complete here.
    if page.file.src_uri != OVERVIEW_PAGE or QUIZ_SECTIONS_SLOT not in output:
        return output
    mapping = json.dumps(quiz_sections(_ids, _docs), separators=(",", ":"))
    return output.replace(QUIZ_SECTIONS_SLOT, f'data-quiz-sections="{escape(mapping)}"', 1)
