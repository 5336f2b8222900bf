"""Two branches integrated by merge and by rebase; then a shared branch rebased.

Rebase replays a branch's commits on a new base: same changes, new commits.
That is harmless on a branch only you have, and trouble on one others have
fetched: the remote still holds the old commits, so the two histories fork.
"""

# requires-tool: git

from __future__ import annotations

from dataclasses import dataclass

from examples.craft.git.sandbox import Repo, Sandbox


def diverged(repo: Repo) -> None:
    """main and feature both moved on after feature branched off."""
    repo.commit("Add cart", {"cart.py": "def total(items):\n    return sum(items)\n"})
    repo.git("switch", "-q", "-c", "feature")
    repo.commit("Add discount codes", {"discount.py": "CODES = {'TEN': 10}\n"})
    repo.commit("Apply discount in total", {"cart.py": "def total(items, off=0):\n"})
    repo.git("switch", "-q", "main")
    repo.commit("Fix tax rounding", {"tax.py": "RATE_PERCENT = 8\n"})


# --8<-- [start:both]
def integrate(how: str) -> list[str]:
    """Bring `feature` into main by "merge" or by "rebase"; main's graph."""
    with Sandbox() as sandbox:
        repo = sandbox.init("shop")
        diverged(repo)
        if how == "merge":
            repo.git("merge", "--no-ff", "-q", "feature")
        elif how == "rebase":
            repo.git("rebase", "-q", "main", "feature")  # replay feature on main
            repo.git("switch", "-q", "main")
            repo.git("merge", "--ff-only", "-q", "feature")
        else:
            raise ValueError(f"how must be 'merge' or 'rebase', not {how!r}")
        return repo.graph("main")


# --8<-- [end:both]


@dataclass(frozen=True)
class SharedRebase:
    """What Alice's rebase of a pushed branch did, seen from both clones."""

    alice: list[str]  # her graph after the rebase, before pushing
    only_on_origin: list[str]  # subjects of the old commits the remote keeps
    push_exit: int  # a plain `git push` afterwards
    rejected: bool  # ... refused as non-fast-forward
    bob: list[str]  # his graph after her force-push and his fetch
    bob_rebased: list[str]  # ... and after `git pull --rebase`


# --8<-- [start:shared]
def rebase_shared_branch() -> SharedRebase:
    """Alice rebases `feature` after pushing it; Bob had already built on it."""
    with Sandbox() as sandbox:
        remote = sandbox.init("remote.git", bare=True)
        alice = sandbox.clone(remote, "alice")
        diverged(alice)
        alice.git("push", "-q", "origin", "main", "feature")
        bob = sandbox.clone(remote, "bob")
        bob.git("switch", "-q", "feature")
        bob.commit("Show discount on receipt", {"receipt.py": "LINES = []\n"})

        alice.git("rebase", "-q", "main", "feature")
        forked = alice.graph("feature", "origin/feature")
        only_on_origin = alice.subjects("feature..origin/feature")
        push = alice.git("push", "origin", "feature", check=False)
        alice.git("push", "-q", "--force-with-lease", "origin", "feature")
        bob.git("fetch", "-q")
        bob_fetched = bob.graph("feature", "origin/feature")
        # The reflog of origin/feature remembers the old tip (fork-point), so
        # the rebase replays only Bob's own commit onto her new copies.
        bob.git("pull", "-q", "--rebase")
        return SharedRebase(
            alice=forked,
            only_on_origin=only_on_origin,
            push_exit=push.returncode,
            rejected="[rejected]" in push.stderr,
            bob=bob_fetched,
            bob_rebased=bob.graph("feature"),
        )


# --8<-- [end:shared]


# --8<-- [start:demo]
if __name__ == "__main__":
    for line in integrate("merge"):
        print(line)
        #> *   Merge branch 'feature'
        #> |\
        #> | * Apply discount in total
        #> | * Add discount codes
        #> * | Fix tax rounding
        #> |/
        #> * Add cart
    for line in integrate("rebase"):
        print(line)
        #> * Apply discount in total
        #> * Add discount codes
        #> * Fix tax rounding
        #> * Add cart
    # --8<-- [end:demo]
    # --8<-- [start:demo_shared]
    shared = rebase_shared_branch()
    for line in shared.alice:  # after her rebase, before she pushes
        print(line)
        #> * Apply discount in total
        #> * Add discount codes
        #> * Fix tax rounding
        #> | * Apply discount in total
        #> | * Add discount codes
        #> |/
        #> * Add cart
    print("old commits only on origin:", shared.only_on_origin)
    #> old commits only on origin: ['Apply discount in total', 'Add discount codes']
    print("plain push exit code:", shared.push_exit)
    #> plain push exit code: 1
    print("rejected as non-fast-forward:", shared.rejected)
    #> rejected as non-fast-forward: True
    for line in shared.bob:  # after her force-push and his fetch
        print(line)
        #> * Apply discount in total
        #> * Add discount codes
        #> * Fix tax rounding
        #> | * Show discount on receipt
        #> | * Apply discount in total
        #> | * Add discount codes
        #> |/
        #> * Add cart
    for line in shared.bob_rebased:  # after his `git pull --rebase`
        print(line)
        #> * Show discount on receipt
        #> * Apply discount in total
        #> * Add discount codes
        #> * Fix tax rounding
        #> * Add cart
    # --8<-- [end:demo_shared]
