"""What `python3 dev.py cases ... --cases my_cases.json` prints: a reader's cases against our solution.

my_cases.json holds only `cases`; the function, and how answers are compared,
come from the problem's own case file. The second case encodes a wrong belief
(that days 1 and 3 make a 2-day streak), and the runner says what came back.
"""

import subprocess
import sys
from pathlib import Path

from examples.coding.the_round import login_streaks

# From an imported module's path: the docs harness runs this file from elsewhere.
REPO_ROOT = Path(login_streaks.__file__).resolve().parents[3]

# --8<-- [start:run]
# What `python3 dev.py cases` runs inside the project's virtual environment.
command = [
    sys.executable,
    "-m",
    "handbook_build.cases",
    "examples/coding/the_round/login_streaks.py",
    "--cases",
    "examples/coding/the_round/my_cases.json",
]
run = subprocess.run(  # noqa: S603 - our own runner, fixed arguments
    command, cwd=REPO_ROOT, capture_output=True, text=True, timeout=60, check=False
)
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
