"""Both sides edit the same line: git stops, marks the file, and waits for you.

`git merge` exits non-zero and leaves conflict markers in the file; you edit
it to the right result, `git add` it, and commit. With `rerere.enabled`, git
records that resolution and replays it the next time the same conflict
appears (after a rebase, or a redone merge).
"""

# requires-tool: git

from __future__ import annotations

from examples.craft.git.sandbox import Repo, Sandbox

RESOLVED = "TIMEOUT_S = 3.0\n"  # what the two authors agreed on in review


# --8<-- [start:conflict]
def both_edit_one_line(sandbox: Sandbox) -> Repo:
    """main and `feature` change the same line of config.py differently."""
    repo = sandbox.init("svc")
    repo.git("config", "rerere.enabled", "true")  # record resolutions
    repo.commit("Add client timeout", {"config.py": "TIMEOUT_S = 5.0\n"})
    repo.git("switch", "-q", "-c", "feature")
    repo.commit("Lower timeout to 2 s", {"config.py": "TIMEOUT_S = 2.0\n"})
    repo.git("switch", "-q", "main")
    repo.commit("Raise timeout to 10 s", {"config.py": "TIMEOUT_S = 10.0\n"})
    return repo


def merge_and_resolve(repo: Repo) -> tuple[int, str, str]:
    """Merge, keep what git left in the file, resolve by hand, commit."""
    merge = repo.git("merge", "feature", check=False)
    marked = repo.read("config.py")
    repo.write("config.py", RESOLVED)  # the decision: a human's, not git's
    repo.git("add", "config.py")
    repo.git("commit", "-q", "--no-edit")
    return merge.returncode, marked, repo.read("config.py")


# --8<-- [end:conflict]


# --8<-- [start:rerere]
def redo_merge(repo: Repo) -> tuple[int, list[str], str, list[str]]:
    """Undo the merge (a private repo, so reset is fine) and merge again."""
    repo.git("reset", "-q", "--hard", "HEAD~1")
    merge = repo.git("merge", "feature", check=False)
    output = (merge.stdout + merge.stderr).splitlines()
    said = [line for line in output if "Resolved" in line]
    unmerged = repo.git("diff", "--name-only", "--diff-filter=U").stdout.split()
    return merge.returncode, said, repo.read("config.py"), unmerged


# --8<-- [end:rerere]


# --8<-- [start:demo]
if __name__ == "__main__":
    with Sandbox() as sandbox:
        repo = both_edit_one_line(sandbox)
        code, marked, resolved = merge_and_resolve(repo)
        print("merge exit code:", code)
        #> merge exit code: 1
        print(marked.rstrip())
        """
        <<<<<<< HEAD
        TIMEOUT_S = 10.0
        =======
        TIMEOUT_S = 2.0
        >>>>>>> feature
        """
        print("after resolving:", resolved.strip())
        #> after resolving: TIMEOUT_S = 3.0
        for line in repo.graph():
            print(line)
            #> *   Merge branch 'feature'
            #> |\
            #> | * Lower timeout to 2 s
            #> * | Raise timeout to 10 s
            #> |/
            #> * Add client timeout
        code, said, content, unmerged = redo_merge(repo)
        print("again, exit code:", code)
        #> again, exit code: 1
        print(*said)
        #> Resolved 'config.py' using previous resolution.
        print("file:", content.strip())
        #> file: TIMEOUT_S = 3.0
        print("still to `git add`:", unmerged)
        #> still to `git add`: ['config.py']
# --8<-- [end:demo]
