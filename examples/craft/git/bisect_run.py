"""`git bisect run` finds the commit that broke a test, in about log2(n) runs.

Sixteen commits; one of them (we choose which) breaks the tax calculation.
A check script exits 0 when the code is good and 1 when it is bad; bisect
checks out the middle of the range, runs it, halves the range, and repeats.
The script logs each run to a file outside the repository, so we can count.
"""

# requires-tool: git

from __future__ import annotations

import math
import sys

from examples.craft.git.sandbox import Sandbox

GOOD = "def with_tax(cents):\n    return cents + cents * 8 // 100\n"
BAD = "def with_tax(cents):\n    return cents * 8 // 100\n"  # dropped `cents +`

# Exit codes are what bisect reads: 0 good, 125 "cannot test, skip",
# 1-127 otherwise bad, 128 or more aborts the bisect.
CHECK = """\
import sys
from pathlib import Path
sys.path.insert(0, ".")
from price import with_tax
with Path(sys.argv[1]).open("a") as log:
    log.write("run\\n")
sys.exit(0 if with_tax(1000) == 1080 else 1)
"""


# --8<-- [start:bisect]
def find_first_bad(commits: int, broken_at: int) -> tuple[str, int]:
    """Build `commits` commits, break the code at `broken_at`, bisect it.

    Returns the subject of the commit bisect names and how many times it ran
    the check script.
    """
    if not 2 <= broken_at <= commits:
        raise ValueError(f"broken_at must be in 2..{commits}: the first is good")
    with Sandbox() as sandbox:
        repo = sandbox.init("shop")
        for n in range(1, commits + 1):
            subject = f"Change {n:02d}"
            files = {"notes.md": f"change {n}\n"}
            if n == 1:
                files["price.py"] = GOOD
            if n == broken_at:
                subject += ": simplify with_tax"
                files["price.py"] = BAD
            repo.commit(subject, files)

        check, runs = sandbox.root / "check.py", sandbox.root / "runs.log"
        check.write_text(CHECK, encoding="utf-8")
        first = repo.git("rev-list", "--max-parents=0", "HEAD").stdout.strip()
        repo.git("bisect", "start", "HEAD", first)  # bad first, then good
        repo.git("bisect", "run", sys.executable, str(check), str(runs))
        culprit = repo.git("log", "-1", "--format=%s", "refs/bisect/bad").stdout
        repo.git("bisect", "reset")
        return culprit.strip(), len(runs.read_text().splitlines())


# --8<-- [end:bisect]


# --8<-- [start:demo]
if __name__ == "__main__":
    subject, steps = find_first_bad(commits=16, broken_at=11)
    print("first bad commit:", subject)
    #> first bad commit: Change 11: simplify with_tax
    print(f"check runs: {steps}; log2 of the 15 suspects: {math.log2(15):.1f}")
    #> check runs: 4; log2 of the 15 suspects: 3.9
# --8<-- [end:demo]
