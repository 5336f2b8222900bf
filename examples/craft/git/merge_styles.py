"""One short-lived feature branch, landed three ways: --no-ff, fast-forward, squash.

A pull request's "merge" button is one of these three git commands. The
branch is the same each time; only the history main ends up with differs.
"""

# requires-tool: git

from __future__ import annotations

from examples.craft.git.sandbox import Repo, Sandbox

MERGES = {
    "merge commit": ["merge", "--no-ff", "-q", "feature"],
    "fast-forward": ["merge", "--ff-only", "-q", "feature"],
    "squash": ["merge", "--squash", "-q", "feature"],
}


# --8<-- [start:land]
def feature_branch(sandbox: Sandbox) -> Repo:
    """main with one commit; `feature` branched from it with two more."""
    repo = sandbox.init("shop")
    repo.commit("Add cart", {"cart.py": "def total(items):\n    return sum(items)\n"})
    repo.git("switch", "-q", "-c", "feature")
    repo.commit("Add discount codes", {"discount.py": "CODES = {'TEN': 10}\n"})
    repo.commit("Apply discount in total", {"cart.py": "def total(items, off=0):\n"})
    repo.git("switch", "-q", "main")
    return repo


def land(style: str) -> list[str]:
    """Land `feature` on main in one style; main's graph afterwards."""
    if style not in MERGES:
        raise ValueError(f"unknown style {style!r}; pick one of {sorted(MERGES)}")
    with Sandbox() as sandbox:
        repo = feature_branch(sandbox)
        repo.git(*MERGES[style])
        if style == "squash":  # --squash stages the changes; we write the commit
            repo.git("commit", "-q", "-m", "Add discount codes (#42)")
        return repo.graph("main")


# --8<-- [end:land]


# --8<-- [start:demo]
if __name__ == "__main__":
    for line in land("merge commit"):  # what --no-ff leaves on main
        print(line)
        #> *   Merge branch 'feature'
        #> |\
        #> | * Apply discount in total
        #> | * Add discount codes
        #> |/
        #> * Add cart
    for line in land("fast-forward"):  # main's pointer moves; no new commit
        print(line)
        #> * Apply discount in total
        #> * Add discount codes
        #> * Add cart
    for line in land("squash"):  # one new commit with all the changes
        print(line)
        #> * Add discount codes (#42)
        #> * Add cart
# --8<-- [end:demo]
