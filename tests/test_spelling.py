"""Spelling over docs/, examples/ and data/, and the pre-commit hooks that run it with ruff and black.

codespell (pinned in requirements.in) reads the [tool.codespell] table in
pyproject.toml: US English (British spellings are flagged too), vendored, lock and
binary files skipped, and the project's words that codespell would wrongly flag.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import yaml

from tests.support.example_files import REPO_ROOT

SPELLED_FOLDERS = ("docs", "examples", "data")
# codespell's exit status when it found misspellings (EX_DATAERR); 0 when it found none.
MISSPELLINGS_FOUND = 65
# `path:line: word ==> fix[, other fix]`, or `path: word ==> fix` for a misspelled file name.
FINDING = re.compile(r"^(?P<path>.+?):(?:(?P<line>\d+):)? (?P<word>\S+) ==> (?P<fix>.+?)(?:\s+\|.*)?$")
TIMEOUT_SECONDS = 300


@dataclass(frozen=True)
class Misspelling:
    path: str
    line: int | None
    word: str
    fix: str

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.word} -> {self.fix}"


def codespell(root: Path, *arguments: str) -> list[Misspelling]:
    """Run codespell in `root` (so it reads root/pyproject.toml) and parse what it found."""
    result = subprocess.run(
        [sys.executable, "-m", "codespell_lib", "--disable-colors", *arguments],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        timeout=TIMEOUT_SECONDS,
    )
    assert result.returncode in (0, MISSPELLINGS_FOUND), result.stdout + result.stderr
    findings = []
    for row in result.stdout.splitlines():
        match = FINDING.match(row)
        assert match, f"unexpected codespell output: {row!r}\n{result.stderr}"
        line = match["line"]
        findings.append(Misspelling(match["path"], int(line) if line else None, match["word"], match["fix"]))
    assert bool(findings) == (result.returncode == MISSPELLINGS_FOUND), result.stdout + result.stderr
    return findings


def codespell_table() -> dict:
    return tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["codespell"]


def test_docs_examples_and_data_are_spelled_right() -> None:
    findings = codespell(REPO_ROOT, *SPELLED_FOLDERS)
    assert not findings, (
        "Misspelled (US English):\n"
        + "\n".join(f"  {finding}" for finding in findings)
        + "\nFix the word; if it is right here (a term of art, an API's spelling), add it to"
        " ignore-words-list under [tool.codespell] in pyproject.toml, saying why."
    )


def test_a_planted_misspelling_fails_naming_file_line_and_fix(tmp_path: Path) -> None:
    shutil.copy(REPO_ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    files = {
        "docs/page.md": (
            "# A page\n"
            "The reciever acks each message.\n"  # a plain typo
            "Pick a colour for the badge.\n"  # British: flagged, this is US English
            "A cancelled task; GET's ratio.\n"  # project words: not flagged
            "Nobody get's that.\n"  # the cased project word does not cover lowercase
        ),
        "examples/demo.py": "total = 1  # retrun the total\n",
        "data/terms.yml": "- term: adress\n",
        "examples/recieve.py": "",  # a misspelled file name
        # Skipped: vendored assets, lock files, binary files.
        "docs/assets/vendor/lib.min.js": "// teh\n",
        "docs/assets/vendor/lib.js": "// teh\n",
        "docs/assets/assets.lock.json": '{"teh": 1}\n',
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "data/picture.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00 teh recieve \x00")

    findings = codespell(tmp_path, *SPELLED_FOLDERS)

    assert sorted(map(str, findings)) == [
        "data/terms.yml:1: adress -> address",
        "docs/page.md:2: reciever -> receiver",
        "docs/page.md:3: colour -> color",
        "docs/page.md:5: get's -> gets",
        "examples/demo.py:1: retrun -> return",
        "examples/recieve.py: recieve -> receive",
    ]


def test_every_project_word_is_one_codespell_would_flag(tmp_path: Path) -> None:
    """An entry codespell would not flag anyway is dead weight that hides nothing; drop it."""
    table = codespell_table()
    words = table["ignore-words-list"]
    assert words, "expected the project's words in [tool.codespell] ignore-words-list"
    (tmp_path / "words.txt").write_text("\n".join(words) + "\n", encoding="utf-8")
    # No pyproject.toml in tmp_path: the same dictionaries, without the project's word list.
    flagged = {finding.word for finding in codespell(tmp_path, "--builtin", table["builtin"], "words.txt")}
    assert flagged == set(words)


# ------------------------------------------------------------------ the pre-commit hooks


def pre_commit_config() -> dict:
    return yaml.safe_load((REPO_ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))


def test_hooks_run_the_pinned_tools_from_the_venv() -> None:
    """Remote hook repos would fetch their own copies of the tools, whose versions drift from requirements.txt."""
    repos = pre_commit_config()["repos"]
    hooks = [hook for repo in repos for hook in repo["hooks"]]
    assert [repo["repo"] for repo in repos] == ["local"]
    assert {hook["id"] for hook in hooks} == {"ruff", "black", "codespell"}
    for hook in hooks:
        assert hook["language"] == "system", hook["id"]
        assert hook["entry"].startswith(".venv/bin/"), hook["id"]


def git_free_env() -> dict[str, str]:
    # Under a git hook, GIT_DIR and friends would point git at the outer repository.
    return {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}


def run_pre_commit(repo: Path) -> subprocess.CompletedProcess[str]:
    env = git_free_env()
    subprocess.run(["git", "add", "--all"], cwd=repo, env=env, check=True, timeout=TIMEOUT_SECONDS)
    return subprocess.run(
        [str(Path(sys.executable).parent / "pre-commit"), "run", "--all-files", "--color", "never"],
        cwd=repo,
        env={**env, "PRE_COMMIT_HOME": str(repo.parent / "pre-commit-home")},
        capture_output=True,
        text=True,
        check=False,
        timeout=TIMEOUT_SECONDS,
    )


def hook_results(output: str) -> dict[str, str]:
    """`name (...)....Passed` lines, keyed by the hook name's first word."""
    return {
        match["name"]: match["result"]
        for match in re.finditer(r"^(?P<name>\w+)\b.*?\.{3,}(?P<result>Passed|Failed)$", output, re.M)
    }


def test_pre_commit_hooks_pass_clean_files_and_catch_each_slip(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=repo, env=git_free_env(), check=True, timeout=TIMEOUT_SECONDS)
    for name in (".pre-commit-config.yaml", "pyproject.toml"):
        shutil.copy(REPO_ROOT / name, repo / name)
    (repo / ".venv").symlink_to(REPO_ROOT / ".venv")
    (repo / ".gitignore").write_text(".venv\n", encoding="utf-8")
    (repo / "docs").mkdir()
    (repo / "examples").mkdir()
    (repo / "docs/page.md").write_text("# A page\n\nEvery word is spelled right.\n", encoding="utf-8")
    # `#>` output comments survive the black hook, as they do in tests/test_docs.py.
    example = 'greeting = "hi"\nprint(greeting)\n#> hi\n'
    (repo / "examples/hello.py").write_text(example, encoding="utf-8")

    clean = run_pre_commit(repo)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert hook_results(clean.stdout) == {"ruff": "Passed", "black": "Passed", "codespell": "Passed"}
    assert (repo / "examples/hello.py").read_text(encoding="utf-8") == example

    (repo / "examples/hello.py").write_text('import os\ngreeting="hi"\nprint(greeting)\n#> hi\n', encoding="utf-8")
    (repo / "docs/page.md").write_text("# A page\n\nTeh words are spelled right.\n", encoding="utf-8")
    slips = run_pre_commit(repo)
    assert slips.returncode == 1, slips.stdout + slips.stderr
    assert hook_results(slips.stdout) == {"ruff": "Failed", "black": "Failed", "codespell": "Failed"}
    assert "F401" in slips.stdout  # the ruff hook: `os` imported but unused
    assert "docs/page.md:3: Teh ==> The" in slips.stdout
    # black rewrote the file for the contributor to re-stage, keeping the output comment.
    assert (repo / "examples/hello.py").read_text(encoding="utf-8") == "import os\n\n" + example
