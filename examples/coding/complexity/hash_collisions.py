"""A hash table's worst case: when every key hashes alike, inserts cost O(n) each.

`Id` counts its `==` calls. With a good hash a dict of n keys needs almost no
comparisons; with a constant hash every insert walks all the keys before it.
"""

from __future__ import annotations


class Id:
    """A key whose hash can be made terrible on purpose, and which counts `==` calls."""

    equality_checks = 0

    def __init__(self, value: int, *, collide: bool) -> None:
        self.value = value
        self.collide = collide

    def __hash__(self) -> int:
        return 42 if self.collide else hash(self.value)

    def __eq__(self, other: object) -> bool:
        Id.equality_checks += 1
        return isinstance(other, Id) and self.value == other.value


# --8<-- [start:collide]
def checks_to_build(n: int, *, collide: bool) -> int:
    """`==` calls made while inserting n distinct keys into a dict."""
    Id.equality_checks = 0
    table = {}
    for value in range(n):
        table[Id(value, collide=collide)] = value
    return Id.equality_checks


# --8<-- [end:collide]


def main() -> None:
    # --8<-- [start:demo]
    for n in (100, 1_000, 2_000):
        good, bad = checks_to_build(n, collide=False), checks_to_build(n, collide=True)
        print(f"n={n:>5,}: good hash {good:>3} checks, constant hash {bad:>9,}")
        #> n=  100: good hash   0 checks, constant hash     5,039
        #> n=1,000: good hash   0 checks, constant hash   500,300
        #> n=2,000: good hash   0 checks, constant hash 2,000,800
    # --8<-- [end:demo]


if __name__ == "__main__":
    main()
