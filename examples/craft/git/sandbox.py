"""Throwaway Git repositories with a fixed author, committer and clock.

Every example on the Git page builds its history here, so the same commands
give the same commits (and the same hashes) on every machine: no user or
system config is read, the default branch is `main`, and each git call moves
a fake clock forward one minute. Nothing touches the network; a "remote" is
a bare repository in the same temporary directory, deleted on exit.
"""

# requires-tool: git

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from types import TracebackType

TIMEOUT_S = 20.0
START = 1_767_225_600  # 2026-01-01 00:00 UTC; one minute more per git call
GIT = shutil.which("git") or "git"  # a full path; the error names git if missing
SETTINGS = ["-c", "init.defaultBranch=main", "-c", "advice.detachedHead=false"]


class GitError(RuntimeError):
    """A git command failed; carries its exit code and what it printed."""

    def __init__(self, args: list[str], result: subprocess.CompletedProcess[str]):
        self.returncode = result.returncode
        self.output = result.stdout + result.stderr
        command = " ".join(args)
        super().__init__(f"git {command} exited {result.returncode}:\n{self.output}")


class Sandbox:
    """A temporary directory for repositories; use it as a context manager."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="hb-git-"))
        self.minutes = 0

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    # --8<-- [start:env]
    def env(self) -> dict[str, str]:
        """A clean environment: only PATH survives from ours, so no config leaks in."""
        self.minutes += 1
        date = f"{START + 60 * self.minutes} +0000"
        return {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(self.root),  # no ~/.gitconfig of the reader's
            "LANG": "C",
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CEILING_DIRECTORIES": str(self.root),  # never find an outer repo
            "GIT_AUTHOR_NAME": "Ada",
            "GIT_AUTHOR_EMAIL": "ada@example.com",
            "GIT_COMMITTER_NAME": "Ada",
            "GIT_COMMITTER_EMAIL": "ada@example.com",
            "GIT_AUTHOR_DATE": date,
            "GIT_COMMITTER_DATE": date,
            "GIT_EDITOR": "true",  # accept the default message, never open an editor
            "GIT_MERGE_AUTOEDIT": "no",
        }

    # --8<-- [end:env]

    def init(self, name: str, *, bare: bool = False) -> Repo:
        """A new empty repository (bare ones play the shared remote)."""
        path = self.root / name
        path.mkdir()
        repo = Repo(self, path)
        repo.git("init", "-q", *(["--bare"] if bare else []))
        return repo

    def clone(self, remote: Repo, name: str) -> Repo:
        """A teammate's clone of `remote` (a path, so no network)."""
        Repo(self, self.root).git("clone", "-q", str(remote.path), name)
        return Repo(self, self.root / name)


class Repo:
    """One repository: run git in it, write files, commit, draw the graph."""

    def __init__(self, sandbox: Sandbox, path: Path) -> None:
        self.sandbox = sandbox
        self.path = path

    def git(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        """Run one git command here; raise GitError on failure unless check=False."""
        result = subprocess.run(  # noqa: S603 - git, with arguments we build
            [GIT, *SETTINGS, *args],
            cwd=self.path,
            env=self.sandbox.env(),
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
            check=False,
        )
        if check and result.returncode != 0:
            raise GitError(list(args), result)
        return result

    def write(self, name: str, text: str) -> None:
        (self.path / name).write_text(text, encoding="utf-8")

    def read(self, name: str) -> str:
        return (self.path / name).read_text(encoding="utf-8")

    def commit(self, subject: str, files: dict[str, str]) -> None:
        """Write `files` and commit them with `subject` as the message."""
        if not files:
            raise ValueError("a commit needs at least one file")
        for name, text in files.items():
            self.write(name, text)
        self.git("add", *files)
        self.git("commit", "-q", "-m", subject)

    def graph(self, *revisions: str) -> list[str]:
        """`git log --graph --oneline --format=%s`: the shape and subjects, no hashes."""
        shown = self.git("log", "--graph", "--oneline", "--format=%s", *revisions)
        return [line.rstrip() for line in shown.stdout.splitlines()]

    def subjects(self, revision: str = "HEAD") -> list[str]:
        """Subjects reachable from `revision`, newest first."""
        return self.git("log", "--format=%s", revision).stdout.splitlines()
