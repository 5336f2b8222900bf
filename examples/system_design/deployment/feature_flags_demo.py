"""A rollout to 100,000 users: shares, a widening, two flags, and why hash() fails."""

import os
import random
import subprocess
import sys
from pathlib import Path

from examples.system_design.deployment.feature_flags import Flag, FlagSet

REPO_ROOT = Path(__file__).resolve().parents[3]
rng = random.Random(2026)  # seeded: the same user ids on every run
users = [f"user-{rng.getrandbits(64):016x}" for _ in range(100_000)]


def enabled(flags: FlagSet, key: str) -> set[str]:
    return {user for user in users if flags.is_enabled(key, user)}


# --8<-- [start:shares]
checkout = Flag("new-checkout")
for percent in (1, 10, 50):
    on = enabled(FlagSet([checkout.at(percent)]), "new-checkout")
    print(f"{percent}% rollout: {len(on) / len(users):.2%} of users")
    #> 1% rollout: 1.04% of users
    #> 10% rollout: 10.05% of users
    #> 50% rollout: 49.95% of users
# --8<-- [end:shares]

# --8<-- [start:widen]
at_10 = enabled(FlagSet([checkout.at(10)]), "new-checkout")
at_20 = enabled(FlagSet([checkout.at(20)]), "new-checkout")
print(f"10% -> 20%: {len(at_20 - at_10)} users gain it, {len(at_10 - at_20)} lose it")
#> 10% -> 20%: 9898 users gain it, 0 lose it
# --8<-- [end:widen]

# --8<-- [start:independent]
flags = FlagSet([checkout.at(10), Flag("dark-mode", percent=10)])
both = enabled(flags, "new-checkout") & enabled(flags, "dark-mode")
print(f"in both 10% rollouts: {len(both) / len(users):.2%} of users")
#> in both 10% rollouts: 1.01% of users
# --8<-- [end:independent]

# --8<-- [start:builtin]
# The same 10% rollout with hash() in two processes, as on two app servers.
probe = """
import sys
from examples.system_design.deployment.feature_flags import builtin_bucket
ids = sys.stdin.read().split()
print(" ".join(str(int(builtin_bucket("new-checkout", u) < 1000)) for u in ids))
"""
sample = users[:10_000]
answers = []
for seed in ("1", "2"):
    env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO_ROOT)}
    result = subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, "-c", probe],
        input="\n".join(sample),
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    answers.append(result.stdout.split())
    print(f"PYTHONHASHSEED={seed}: {answers[-1].count('1')} of 10000 users enabled")
    #> PYTHONHASHSEED=1: 1021 of 10000 users enabled
    #> PYTHONHASHSEED=2: 1034 of 10000 users enabled
flipped = sum(a != b for a, b in zip(*answers, strict=True))
print(f"users whose answer differs between the two: {flipped}")
#> users whose answer differs between the two: 1815
# --8<-- [end:builtin]
