"""Edit distance (Levenshtein): the count in one row, the operations from the full table."""

from __future__ import annotations

import difflib
from collections.abc import Callable

# One edit, as a list so it reads the same in JSON and in every language:
# ["insert", index, letter], ["delete", index, letter] (the letter removed)
# or ["substitute", index, letter] (the new letter).
Operation = list[str | int]


# --8<-- [start:distance]
def edit_distance(a: str, b: str) -> int:
    """Fewest single-letter inserts, deletes and substitutions turning a into b.

    The state: row[j] after processing a[:i] is the distance from a[:i] to
    b[:j]. Transition: if a[i - 1] == b[j - 1], the diagonal (no edit);
    else 1 + the smallest of delete a[i - 1] (above), insert b[j - 1]
    (left) and substitute (diagonal). Row 0 is j inserts; column 0 is i
    deletes. Time O(m * n), space O(n).
    """
    row = list(range(len(b) + 1))  # from the empty prefix of a: j inserts
    for i in range(1, len(a) + 1):
        diagonal = row[0]  # old row[0], about to be overwritten
        row[0] = i  # to the empty prefix of b: i deletes
        for j in range(1, len(b) + 1):
            above = row[j]
            if a[i - 1] == b[j - 1]:
                row[j] = diagonal
            else:
                row[j] = 1 + min(above, row[j - 1], diagonal)
            diagonal = above
    return row[-1]


# --8<-- [end:distance]


# --8<-- [start:operations]
def edit_operations(a: str, b: str) -> list[Operation]:
    """A shortest list of edits turning a into b, applied in order.

    Fills the full table, then walks back from (m, n). The walk meets the
    right end of the strings first, so the list runs right to left and
    each index is a position in a: an edit never moves anything to its
    left. Time O(m * n), space O(m * n) for the table.
    """
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        for j in range(len(b) + 1):
            if i == 0 or j == 0:
                table[i][j] = i + j  # all deletes, or all inserts
            elif a[i - 1] == b[j - 1]:
                table[i][j] = table[i - 1][j - 1]
            else:
                table[i][j] = 1 + min(
                    table[i - 1][j], table[i][j - 1], table[i - 1][j - 1]
                )
    operations: list[Operation] = []
    i, j = len(a), len(b)
    while i > 0 or j > 0:
        here = table[i][j]
        if i > 0 and j > 0 and a[i - 1] == b[j - 1] and here == table[i - 1][j - 1]:
            i, j = i - 1, j - 1  # a match costs nothing
        elif i > 0 and j > 0 and here == table[i - 1][j - 1] + 1:
            operations.append(["substitute", i - 1, b[j - 1]])
            i, j = i - 1, j - 1
        elif i > 0 and here == table[i - 1][j] + 1:
            operations.append(["delete", i - 1, a[i - 1]])
            i -= 1
        else:
            operations.append(["insert", i, b[j - 1]])
            j -= 1
    return operations


# --8<-- [end:operations]


# --8<-- [start:brute_force]
def edit_distance_brute_force(a: str, b: str) -> int:
    """Plain recursion over every edit at (i, j): delete a[i], insert b[j],
    substitute a[i] with b[j], or keep a matching pair for free.

    No cache. At most three calls per call and depth at most m + n: time
    O(3^(m + n)), space O(m + n) of recursion.
    """

    def cost(i: int, j: int) -> int:
        if i == len(a):
            return len(b) - j  # insert the rest of b
        if j == len(b):
            return len(a) - i  # delete the rest of a
        options = [1 + cost(i + 1, j), 1 + cost(i, j + 1)]  # delete, insert
        if a[i] == b[j]:
            options.append(cost(i + 1, j + 1))
        else:
            options.append(1 + cost(i + 1, j + 1))  # substitute
        return min(options)

    return cost(0, 0)


# --8<-- [end:brute_force]


# --8<-- [start:weighted]
def weighted_edit_distance(
    a: str,
    b: str,
    insert: Callable[[str], float],
    delete: Callable[[str], float],
    substitute: Callable[[str, str], float],
) -> float:
    """Cheapest edit script when each edit has its own cost. Time O(m * n), space O(n).

    The same table as edit_distance, with each 1 replaced by that edit's
    cost; row 0 and column 0 become running sums of insert and delete costs.
    """
    row = [0.0]
    for letter in b:
        row.append(row[-1] + insert(letter))
    for i in range(1, len(a) + 1):
        diagonal = row[0]
        row[0] += delete(a[i - 1])
        for j in range(1, len(b) + 1):
            above = row[j]
            if a[i - 1] == b[j - 1]:
                row[j] = diagonal
            else:
                row[j] = min(
                    above + delete(a[i - 1]),
                    row[j - 1] + insert(b[j - 1]),
                    diagonal + substitute(a[i - 1], b[j - 1]),
                )
            diagonal = above
    return row[-1]


# --8<-- [end:weighted]


# --8<-- [start:difflib]
def difflib_edit_count(a: str, b: str) -> int:
    """Single-letter edits implied by difflib's opcodes (not minimal)."""
    count = 0
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            count += max(i2 - i1, j2 - j1)  # substitute the overlap, then add or drop
    return count


# --8<-- [end:difflib]


if __name__ == "__main__":
    # --8<-- [start:demo]
    print(
        edit_distance("kitten", "sitting"),
        edit_distance_brute_force("kitten", "sitting"),
    )
    #> 3 3
    for operation in edit_operations("kitten", "sitting"):
        print(operation)
        #> ['insert', 6, 'g']
        #> ['substitute', 4, 'i']
        #> ['substitute', 0, 's']
    print(edit_operations("", "ab"))
    #> [['insert', 0, 'b'], ['insert', 0, 'a']]
    print(edit_operations("ab", ""))
    #> [['delete', 1, 'b'], ['delete', 0, 'a']]
    # --8<-- [end:demo]
    # --8<-- [start:demo_difflib]
    print(edit_distance("axfot", "aoftax"), difflib_edit_count("axfot", "aoftax"))
    #> 4 7

    #> 4 7
    # --8<-- [end:demo_difflib]
    # --8<-- [start:demo_weighted]
    def one(*letters: str) -> float:
        return 1

    def two(old: str, new: str) -> float:
        return 2

    print(weighted_edit_distance("kitten", "sitting", one, one, two))
    #> 5.0
    # --8<-- [end:demo_weighted]
