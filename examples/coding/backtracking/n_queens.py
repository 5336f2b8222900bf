"""N-queens: place n queens on an n x n board so that no two attack each other."""

from __future__ import annotations

from itertools import product


# --8<-- [start:optimal]
def solve_n_queens(n: int) -> list[list[str]]:
    """Every solution as a board of strings, "Q" for a queen and "." for empty.

    One queen per row, so a node is "rows 0..row-1 are placed". Three sets
    make the attack check O(1): the columns taken, and the diagonals, named
    by row - col (down-right) and row + col (down-left), which are constant
    along each one. Time: proportional to the nodes visited, far below n^n
    (see count_nodes); extra space O(n) besides the output.
    """
    if n < 0:
        raise ValueError("n must be zero or more")
    boards: list[list[str]] = []
    queens: list[int] = []  # queens[row] is the column of that row's queen
    cols: set[int] = set()
    downs: set[int] = set()  # row - col
    ups: set[int] = set()  # row + col

    def place(row: int) -> None:
        if row == n:
            boards.append(["." * c + "Q" + "." * (n - c - 1) for c in queens])
            return
        for col in range(n):
            if col in cols or row - col in downs or row + col in ups:
                continue  # attacked: prune the whole subtree
            queens.append(col)
            cols.add(col)
            downs.add(row - col)
            ups.add(row + col)
            place(row + 1)
            queens.pop()
            cols.remove(col)
            downs.remove(row - col)
            ups.remove(row + col)

    place(0)
    return boards


# --8<-- [end:optimal]


# --8<-- [start:count]
def count_n_queens(n: int) -> int:
    """How many solutions, without building boards: the same search, one counter."""
    if n < 0:
        raise ValueError("n must be zero or more")
    cols: set[int] = set()
    downs: set[int] = set()
    ups: set[int] = set()

    def place(row: int) -> int:
        if row == n:
            return 1
        found = 0
        for col in range(n):
            if col in cols or row - col in downs or row + col in ups:
                continue
            cols.add(col)
            downs.add(row - col)
            ups.add(row + col)
            found += place(row + 1)
            cols.remove(col)
            downs.remove(row - col)
            ups.remove(row + col)
        return found

    return place(0)


# --8<-- [end:count]


# --8<-- [start:bitmask]
def count_n_queens_bitmask(n: int) -> int:
    """count_n_queens with three ints as bit sets: bit c set means column c is attacked.

    Shifting the diagonal masks by one per row moves each attack to the next
    row's columns, and `free & -free` picks the lowest free column, so the
    loop visits only safe columns instead of testing all n.
    """
    if n < 0:
        raise ValueError("n must be zero or more")
    full = (1 << n) - 1

    def place(cols: int, downs: int, ups: int) -> int:
        if cols == full:
            return 1
        found = 0
        free = full & ~(cols | downs | ups)
        while free:
            bit = free & -free  # the lowest free column
            free ^= bit
            found += place(cols | bit, (downs | bit) << 1 & full, (ups | bit) >> 1)
        return found

    return place(0, 0, 0)


# --8<-- [end:bitmask]


# --8<-- [start:brute_force]
def solve_n_queens_brute_force(n: int) -> list[list[str]]:
    """Every one of the n^n ways to put one queen in each row, filtered.

    Time O(n^2 * n^n): 16.8 million placements at n = 8 for 92 solutions.
    """
    if n < 0:
        raise ValueError("n must be zero or more")
    return [
        ["." * c + "Q" + "." * (n - c - 1) for c in queens]
        for queens in product(range(n), repeat=n)
        if _no_attacks(queens)
    ]


def _no_attacks(queens: tuple[int, ...]) -> bool:
    return all(
        queens[a] != queens[b] and abs(queens[a] - queens[b]) != b - a
        for a in range(len(queens))
        for b in range(a + 1, len(queens))
    )


# --8<-- [end:brute_force]


# --8<-- [start:nodes]
def count_nodes(n: int, prune: bool) -> tuple[int, int]:
    """(nodes visited, solutions) of the row-by-row search, with or without pruning.

    Without pruning every row tries every column and only a full board is
    checked, so the tree has 1 + n + n^2 + ... + n^n nodes.
    """
    nodes = 0
    solutions = 0
    queens: list[int] = []

    def safe(col: int) -> bool:
        row = len(queens)
        return all(c != col and abs(c - col) != row - r for r, c in enumerate(queens))

    def place(row: int) -> None:
        nonlocal nodes, solutions
        nodes += 1
        if row == n:
            solutions += _no_attacks(tuple(queens))
            return
        for col in range(n):
            if prune and not safe(col):
                continue
            queens.append(col)
            place(row + 1)
            queens.pop()

    place(0)
    return nodes, solutions


# --8<-- [end:nodes]


if __name__ == "__main__":
    # --8<-- [start:demo]
    for board in solve_n_queens(4):
        print(board)
        #> ['.Q..', '...Q', 'Q...', '..Q.']
        #> ['..Q.', 'Q...', '...Q', '.Q..']
    print([count_n_queens(n) for n in range(1, 9)])
    #> [1, 0, 0, 2, 10, 4, 40, 92]
    # --8<-- [end:demo]

    # --8<-- [start:demo_nodes]
    for n in (4, 5, 6):
        print(n, "pruned:", count_nodes(n, True), "unpruned:", count_nodes(n, False))
        #> 4 pruned: (17, 2) unpruned: (341, 2)
        #> 5 pruned: (54, 10) unpruned: (3906, 10)
        #> 6 pruned: (153, 4) unpruned: (55987, 4)
    print("8 pruned:", count_nodes(8, True))
    #> 8 pruned: (2057, 92)
    # --8<-- [end:demo_nodes]
