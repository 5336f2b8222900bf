"""Recursion has a depth limit; an explicit stack does not."""

import sys


# --8<-- [start:recursive]
def nesting_depth_recursive(item: object) -> int:
    """How deeply lists nest inside `item`: one Python frame per level."""
    if not isinstance(item, list):
        return 0
    deepest = 0
    for child in item:  # max() over a generator here would use 3 levels of the limit
        deepest = max(deepest, nesting_depth_recursive(child))
    return 1 + deepest


# --8<-- [end:recursive]


# --8<-- [start:iterative]
def nesting_depth(item: object) -> int:
    """The same answer with a list of (item, depth) pairs in place of the call stack."""
    deepest = 0
    pending: list[tuple[object, int]] = [(item, 0)]
    while pending:
        current, depth = pending.pop()
        if isinstance(current, list):
            deepest = max(deepest, depth + 1)
            pending.extend((child, depth + 1) for child in current)
    return deepest


# --8<-- [end:iterative]


if __name__ == "__main__":
    # --8<-- [start:demo]
    nested: list[object] = []
    for _ in range(5_000):  # [[[...]]]: 5,001 lists, one inside the next
        nested = [nested]
    print(sys.getrecursionlimit())
    #> 1000
    try:
        nesting_depth_recursive(nested)
    except RecursionError as error:
        print("RecursionError:", error)
        #> RecursionError: maximum recursion depth exceeded
    print(nesting_depth(nested))
    #> 5001
    # --8<-- [end:demo]
