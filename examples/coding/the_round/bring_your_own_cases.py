"""What `python3 dev.py cases ... --cases my_cases.json` prints: a reader's cases against our solution.

my_cases.json holds only `cases`; the function, and how answers are compared,
come from the problem's own case file. The second case encodes a wrong belief
(that days 1 and 3 make a 2-day streak), and the runner says what came back.
broken_cases.json forgets a case's `expected`: the runner refuses the file.
With --solution the problem's own cases check a reader's file, my_streaks.py.
"""

import subprocess
import sys
from pathlib import Path

from examples.coding.the_round import login_streaks

# From an imported module's path: the docs harness runs this file from elsewhere.
REPO_ROOT = Path(login_streaks.__file__).resolve().parents[3]


def run_cases(*options: str) -> subprocess.CompletedProcess[str]:
    """What `python3 dev.py cases examples/.../login_streaks.py OPTIONS` runs in the venv."""
    problem = "examples/coding/the_round/login_streaks.py"
    command = [sys.executable, "-m", "handbook_build.cases", problem, *options]
    return subprocess.run(  # noqa: S603 - our own runner, fixed arguments
        command, cwd=REPO_ROOT, capture_output=True, text=True, timeout=60, check=False
    )


# --8<-- [start:run]
run = run_cases("--cases", "examples/coding/the_round/my_cases.json")
print(run.stdout.rstrip())
"""
examples/coding/the_round/my_cases.json -> examples/coding/the_round/login_streaks.py
  PASS   1 one user, days out of order
  FAIL   2 a gap of one day still counts?: expected ["di"], got []
1 passed, 1 failed, in 1 case file(s)
"""
print("exit status", run.returncode)
#> exit status 1
# --8<-- [end:run]

# --8<-- [start:broken]
run = run_cases("--cases", "examples/coding/the_round/broken_cases.json")
print(run.stderr.rstrip())  # the message goes to stderr; no case runs
"""
error: examples/coding/the_round/broken_cases.json: case 2 ('no answer'): missing 'expected' (or 'raises')
"""
print("exit status", run.returncode)
#> exit status 2
# --8<-- [end:broken]

# --8<-- [start:solution]
run = run_cases("--solution", "examples/coding/the_round/my_streaks.py")
failed = [
    line for line in run.stdout.splitlines() if "FAIL" in line or "passed" in line
]
print("\n".join(failed))
"""
  FAIL   1 the example worked by hand: expected ["ana"], got []
12 passed, 1 failed, in 1 case file(s)
"""
print("exit status", run.returncode)
#> exit status 1
# --8<-- [end:solution]
