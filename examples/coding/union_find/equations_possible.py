"""Can every equation hold at once? (Satisfiability of Equality Equations)."""

from __future__ import annotations

from itertools import product

from examples.coding.union_find.template import DisjointSet


def _check(equations: list[str]) -> None:
    for equation in equations:
        if (
            len(equation) != 4
            or equation[1:3] not in ("==", "!=")
            or not (equation[0].islower() and equation[3].islower())
            or not (equation[0].isascii() and equation[3].isascii())
        ):
            raise ValueError(
                f"expected 'a==b' or 'a!=b' with a-z names, got {equation!r}"
            )


# --8<-- [start:optimal]
def equations_possible(equations: list[str]) -> bool:
    """Each equation is 'x==y' or 'x!=y' over one-letter variables a-z.

    Union every '==' pair first; then a '!=' pair inside one set is a
    contradiction. Time O(n alpha(26)), space O(26).
    """
    _check(equations)
    sets = DisjointSet(26)
    for eq in equations:
        if eq[1] == "=":
            sets.union(ord(eq[0]) - ord("a"), ord(eq[3]) - ord("a"))
    return all(
        not sets.connected(ord(eq[0]) - ord("a"), ord(eq[3]) - ord("a"))
        for eq in equations
        if eq[1] == "!"
    )


# --8<-- [end:optimal]


def equations_possible_brute_force(equations: list[str]) -> bool:
    """Try every assignment of the variables to values 0..v-1 (v variables suffice)."""
    _check(equations)
    names = sorted({eq[0] for eq in equations} | {eq[3] for eq in equations})
    for values in product(range(len(names)), repeat=len(names)):
        value = dict(zip(names, values, strict=True))
        if all((value[eq[0]] == value[eq[3]]) == (eq[1] == "=") for eq in equations):
            return True
    return not names


if __name__ == "__main__":
    print(equations_possible(["a==b", "b==c", "a!=c"]))
    #> False
    print(equations_possible(["a!=b", "b==c"]))
    #> True
