"""Undo a bad release on a shared branch: `git revert -m 1`, not `git reset`.

The release was a merge commit. Reverting it adds a new commit that undoes
the merge's changes relative to its first parent (main before the merge);
history is kept, so every clone can pull it. Resetting main instead rewrites
history: the push is rejected, a force-push goes through, and the first
teammate who still has the old commits merges the bad code right back.
"""

# requires-tool: git

from __future__ import annotations

from examples.craft.git.sandbox import Repo, Sandbox

GOOD = "RETRIES = 3\n"
BAD = "RETRIES = 0\n"  # the bug in release 7: retries turned off
EXPORT = "def export(rows):\n    return '\\n'.join(rows)\n"  # release 7's feature


def state(repo: Repo) -> str:
    """What a reader checks after each step: the setting, and the feature."""
    retries = repo.read("client.py").strip()
    return f"{retries}, export.py present: {(repo.path / 'export.py').exists()}"


def released(sandbox: Sandbox) -> tuple[Repo, Repo]:
    """A shared remote whose main has the bad release merged; Alice's clone."""
    remote = sandbox.init("remote.git", bare=True)
    alice = sandbox.clone(remote, "alice")
    alice.commit("Add retry setting", {"client.py": GOOD})
    alice.git("switch", "-q", "-c", "release-7")
    alice.commit("Add CSV export", {"export.py": EXPORT})
    alice.commit("Tune retries", {"client.py": BAD})
    alice.git("switch", "-q", "main")
    alice.git("merge", "--no-ff", "-q", "release-7")
    alice.git("push", "-q", "origin", "main", "release-7")
    return remote, alice


# --8<-- [start:revert]
def revert_release() -> tuple[str, list[str]]:
    """Revert the merge commit with -m 1 and push; the file, and main's graph."""
    with Sandbox() as sandbox:
        _, alice = released(sandbox)
        alice.git("revert", "--no-edit", "-m", "1", "HEAD")  # parent 1: old main
        alice.git("push", "-q", "origin", "main")  # a fast-forward: no force
        return state(alice), alice.graph("main")


# --8<-- [end:revert]


# --8<-- [start:reset]
def reset_shared_main() -> tuple[int, str]:
    """Alice resets main and force-pushes; Bob, who pulled the release, pushes."""
    with Sandbox() as sandbox:
        remote, alice = released(sandbox)
        bob = sandbox.clone(remote, "bob")  # he has the bad release
        alice.git("reset", "-q", "--hard", "HEAD~1")
        push = alice.git("push", "origin", "main", check=False)
        alice.git("push", "-q", "--force-with-lease", "origin", "main")
        bob.commit("Add timeout setting", {"timeout.py": "TIMEOUT_S = 2.0\n"})
        bob.git("pull", "-q", "--no-rebase", "origin", "main")
        bob.git("push", "-q", "origin", "main")
        on_main = remote.git("show", "main:client.py").stdout
        return push.returncode, on_main


# --8<-- [end:reset]


# --8<-- [start:remerge]
def merge_again_after_revert(revert_the_revert: bool) -> str:
    """Fix the release branch and merge it again; what reaches main?"""
    with Sandbox() as sandbox:
        _, alice = released(sandbox)
        alice.git("revert", "--no-edit", "-m", "1", "HEAD")
        alice.git("switch", "-q", "release-7")
        alice.commit("Restore 3 retries", {"client.py": GOOD})
        alice.git("switch", "-q", "main")
        if revert_the_revert:  # bring the release's changes back first
            alice.git("revert", "--no-edit", "HEAD")
        alice.git("merge", "--no-ff", "-q", "release-7")
        return state(alice)


# --8<-- [end:remerge]


# --8<-- [start:demo]
if __name__ == "__main__":
    content, graph = revert_release()
    print("after revert:", content)
    #> after revert: RETRIES = 3, export.py present: False
    for line in graph:
        print(line)
        #> * Revert "Merge branch 'release-7'"
        #> *   Merge branch 'release-7'
        #> |\
        #> | * Tune retries
        #> | * Add CSV export
        #> |/
        #> * Add retry setting
    code, on_main = reset_shared_main()
    print("push after reset, exit code:", code)
    #> push after reset, exit code: 1
    print("origin/main after Bob's push:", on_main.strip())
    #> origin/main after Bob's push: RETRIES = 0
    print("merge again:", merge_again_after_revert(revert_the_revert=False))
    #> merge again: RETRIES = 3, export.py present: False
    print("revert the revert first:", merge_again_after_revert(revert_the_revert=True))
    #> revert the revert first: RETRIES = 3, export.py present: True
# --8<-- [end:demo]
