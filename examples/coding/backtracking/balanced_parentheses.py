"""Generate balanced parentheses: every well-formed string of n pairs."""

from __future__ import annotations

from itertools import product


# --8<-- [start:optimal]
def balanced_parentheses(n: int) -> list[str]:
    """Every balanced string of n "(" and n ")", in lexicographic order.

    Two rules prune every dead branch: open a parenthesis while fewer than n
    are open, close one while fewer are closed than opened. So every leaf is
    an answer, and the count is the n-th Catalan number, about
    4^n / (n^1.5 * sqrt(pi)). Time O(n * Catalan(n)); space O(n).
    """
    if n < 0:
        raise ValueError("n must be zero or more")
    result: list[str] = []
    path: list[str] = []

    def explore(opened: int, closed: int) -> None:
        if closed == n:
            result.append("".join(path))
            return
        if opened < n:
            path.append("(")
            explore(opened + 1, closed)
            path.pop()
        if closed < opened:
            path.append(")")
            explore(opened, closed + 1)
            path.pop()

    explore(0, 0)
    return result


# --8<-- [end:optimal]


def balanced_parentheses_brute_force(n: int) -> list[str]:
    """All 2^(2n) strings of parentheses, kept when no prefix closes too many."""
    if n < 0:
        raise ValueError("n must be zero or more")
    return ["".join(chars) for chars in product("()", repeat=2 * n) if _balanced(chars)]


def _balanced(chars: tuple[str, ...]) -> bool:
    depth = 0
    for char in chars:
        depth += 1 if char == "(" else -1
        if depth < 0:
            return False
    return depth == 0


if __name__ == "__main__":
    print(balanced_parentheses(3))
    #> ['((()))', '(()())', '(())()', '()(())', '()()()']
