"""The sandbox: reproducible commits, no outside config, errors that say what failed."""

from __future__ import annotations

import pytest

from examples.craft.git.sandbox import GitError, Sandbox


def test_the_same_steps_give_the_same_commit_ids() -> None:
    def build() -> str:
        with Sandbox() as sandbox:
            repo = sandbox.init("r")
            repo.commit("One", {"a.txt": "1\n"})
            repo.commit("Two", {"a.txt": "2\n"})
            return repo.git("rev-parse", "HEAD").stdout.strip()

    assert build() == build()  # fixed author, committer and clock


def test_no_user_config_is_read_and_main_is_the_default() -> None:
    with Sandbox() as sandbox:
        repo = sandbox.init("r")
        repo.commit("One", {"a.txt": "1\n"})
        origins = repo.git("config", "--list", "--show-origin").stdout
        assert ".gitconfig" not in origins
        assert repo.git("branch", "--show-current").stdout.strip() == "main"
        author = repo.git("log", "-1", "--format=%an <%ae> %ad", "--date=iso-strict")
        assert (
            author.stdout.strip() == "Ada <ada@example.com> 2026-01-01T00:03:00+00:00"
        )


def test_a_failing_command_raises_with_exit_code_and_output() -> None:
    with Sandbox() as sandbox:
        repo = sandbox.init("r")
        with pytest.raises(GitError, match="no-such-branch") as caught:
            repo.git("switch", "no-such-branch")
        assert caught.value.returncode != 0
        assert repo.git("switch", "nowhere", check=False).returncode != 0


def test_an_empty_commit_is_refused_and_the_directory_is_deleted() -> None:
    with Sandbox() as sandbox:
        root = sandbox.root
        with pytest.raises(ValueError, match="at least one file"):
            sandbox.init("r").commit("Nothing", {})
    assert not root.exists()


def test_the_graph_never_shows_hashes() -> None:
    with Sandbox() as sandbox:
        repo = sandbox.init("r")
        repo.commit("One", {"a.txt": "1\n"})
        head = repo.git("rev-parse", "--short", "HEAD").stdout.strip()
        assert repo.graph() == ["* One"]
        assert head not in "".join(repo.graph())
