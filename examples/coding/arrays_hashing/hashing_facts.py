"""Two facts about hashing that complexity tables leave out."""

import os
import subprocess
import sys


# --8<-- [start:collisions]
class Key:
    """A key whose every instance has the same hash: the worst case of a hash table."""

    comparisons = 0

    def __init__(self, value: int) -> None:
        self.value = value

    def __hash__(self) -> int:
        return 42

    def __eq__(self, other: object) -> bool:
        Key.comparisons += 1
        return isinstance(other, Key) and self.value == other.value


def comparisons_to_build(n: int) -> int:
    """How many times building a dict of n colliding keys calls __eq__."""
    Key.comparisons = 0
    table = {Key(i): i for i in range(n)}
    assert len(table) == n
    return Key.comparisons


# --8<-- [end:collisions]


# --8<-- [start:seed]
def set_order_under_seed(seed: str) -> str:
    """Run a fresh interpreter with a fixed PYTHONHASHSEED and print a set of strings."""
    code = "print(list({'api', 'db', 'cache', 'queue'}))"
    result = subprocess.run(  # noqa: S603 - our own interpreter and fixed code
        [sys.executable, "-c", code],
        env={**os.environ, "PYTHONHASHSEED": seed},
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    return result.stdout.strip()


# --8<-- [end:seed]


if __name__ == "__main__":
    # --8<-- [start:collisions_demo]
    for n in (100, 1_000):
        pairs = n * (n - 1) // 2  # each key compared once with every earlier one
        print(
            f"{n:>5,} keys: {comparisons_to_build(n):>7,} comparisons, {pairs:>7,} pairs"
        )
        #>   100 keys:   5,039 comparisons,   4,950 pairs
        #> 1,000 keys: 500,300 comparisons, 499,500 pairs
    # --8<-- [end:collisions_demo]

    # --8<-- [start:seed_demo]
    for seed in ("1", "2", "3"):
        print(seed, set_order_under_seed(seed))
        #> 1 ['db', 'queue', 'api', 'cache']
        #> 2 ['cache', 'api', 'queue', 'db']
        #> 3 ['cache', 'db', 'queue', 'api']
    # --8<-- [end:seed_demo]
