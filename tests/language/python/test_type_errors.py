"""mypy --strict on deliberately wrong code: the messages the page quotes, checked word for word.

examples/language/python/type_errors/caught_by_mypy.py writes what mypy says
about a line in `# error:` / `# note:` comments under it (a comment starting
`#   ` continues the one above). The file is copied to tmp_path and checked
there, so the result does not depend on the repository's other modules.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.support.example_files import REPO_ROOT

CAUGHT = REPO_ROOT / "examples" / "language" / "python" / "type_errors" / "caught_by_mypy.py"
TYPING_HINTS = REPO_ROOT / "examples" / "language" / "python" / "typing_hints.py"


def mypy_strict(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--no-color-output", path.name],
        capture_output=True,
        text=True,
        cwd=path.parent,
        timeout=300,
        check=False,
    )


def expected_messages(source: str, filename: str) -> list[str]:
    """`file:line: error: message` for every `# error:` / `# note:` comment, as mypy prints them."""
    messages: list[str] = []
    code_line = 0
    for number, line in enumerate(source.splitlines(), start=1):
        text = line.strip()
        if text.startswith(("# error: ", "# note: ")):
            kind, message = text[2:].split(": ", 1)
            messages.append(f"{filename}:{code_line}: {kind}: {message}")
        elif text.startswith("#   ") and messages:
            messages[-1] += " " + text[1:].strip()
        elif text and not text.startswith("#"):
            code_line = number
    return messages


def test_the_expected_comments_are_parsed_as_mypy_lines() -> None:
    source = 'x: int = "a"\n#> nothing\n# error: one;\n#   two  [code]\n# note: n\n'
    assert expected_messages(source, "f.py") == ["f.py:1: error: one; two  [code]", "f.py:1: note: n"]


def test_mypy_prints_exactly_the_errors_written_under_each_line(tmp_path: Path) -> None:
    copy = tmp_path / CAUGHT.name
    shutil.copy(CAUGHT, copy)
    expected = expected_messages(CAUGHT.read_text(encoding="utf-8"), copy.name)
    assert len(expected) >= 8  # the file is not empty of mistakes

    result = mypy_strict(copy)

    *lines, summary = result.stdout.splitlines()
    assert result.returncode == 1
    assert lines == expected
    errors = sum(": error: " in line for line in expected)
    assert summary == f"Found {errors} errors in 1 file (checked 1 source file)"


def test_without_the_mistakes_the_same_file_is_clean(tmp_path: Path) -> None:
    # Proof that each error comes from the line it is written under, not from the setup.
    source = CAUGHT.read_text(encoding="utf-8")
    for wrong, right in [
        ("find_email(1).lower()", "(find_email(1) or '').lower()"),
        ('set_status(7, "Paid")', 'set_status(7, "paid")'),
        ('"total_cent": 500', '"total_cents": 500'),
        ('first(["3", "5"])', "first([3, 5])"),
        ("-> None:  # forgot", "-> bool:  # forgot"),
        ("        pass\n", "        return True\n"),
        ("MAX_ATTEMPTS = 30", "OTHER = 30"),
        ("def total(prices):", "def total(prices: list[int]) -> int:"),
    ]:
        assert wrong in source, wrong
        source = source.replace(wrong, right, 1)
    fixed = tmp_path / "fixed.py"
    fixed.write_text(source, encoding="utf-8")
    result = mypy_strict(fixed)
    assert result.returncode == 0, result.stdout


def test_assert_never_flags_a_status_the_match_forgot(tmp_path: Path) -> None:
    # typing_hints.py says: add a fourth status and mypy points at assert_never.
    source = TYPING_HINTS.read_text(encoding="utf-8")
    widened = 'Status = Literal["pending", "paid", "shipped", "cancelled"]'
    source = source.replace('Status = Literal["pending", "paid", "shipped"]', widened)
    assert widened in source
    snippet = tmp_path / "widened.py"
    snippet.write_text(source, encoding="utf-8")
    line = next(n for n, text in enumerate(source.splitlines(), 1) if "assert_never(status)" in text)

    result = mypy_strict(snippet)

    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        f"widened.py:{line}: error: Argument 1 to \"assert_never\" has incompatible type "
        "\"Literal['cancelled']\"; expected \"Never\"  [arg-type]"
    )
