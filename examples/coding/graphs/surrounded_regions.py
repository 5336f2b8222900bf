"""Surrounded regions: capture every O region that does not touch the border."""

from __future__ import annotations

from examples.coding.graphs.representation import grid_neighbors
from examples.coding.graphs.template import bfs

Board = list[list[str]]


# --8<-- [start:optimal]
def capture_regions(board: Board) -> None:
    """Turn every "O" not connected to the border into "X", in place.

    Turn the question around: a multi-source BFS from the border's "O" cells
    finds the cells that survive; everything else becomes "X".
    Rewriting the board is the job here, so mutation is the contract.
    O(rows * cols) time and space.
    """
    if any(len(row) != len(board[0]) for row in board):
        raise ValueError("every row of the board must have the same length")
    rows, cols = len(board), len(board[0]) if board else 0
    border = [
        (r, c)
        for r in range(rows)
        for c in range(cols)
        if board[r][c] == "O" and (r in (0, rows - 1) or c in (0, cols - 1))
    ]

    def open_neighbors(cell: tuple[int, int]) -> list[tuple[int, int]]:
        return [(r, c) for r, c in grid_neighbors(board, *cell) if board[r][c] == "O"]

    safe = bfs(border, open_neighbors)
    for r in range(rows):
        for c in range(cols):
            if board[r][c] == "O" and (r, c) not in safe:
                board[r][c] = "X"


# --8<-- [end:optimal]


def capture_regions_brute_force(board: Board) -> None:
    """Search from every "O" for a way out to the border: O((rows * cols)^2)."""
    rows, cols = len(board), len(board[0]) if board else 0

    def open_neighbors(cell: tuple[int, int]) -> list[tuple[int, int]]:
        return [(r, c) for r, c in grid_neighbors(board, *cell) if board[r][c] == "O"]

    trapped = [
        (r, c)
        for r in range(rows)
        for c in range(cols)
        if board[r][c] == "O"
        and not any(
            x in (0, rows - 1) or y in (0, cols - 1)
            for x, y in bfs([(r, c)], open_neighbors)
        )
    ]
    for r, c in trapped:
        board[r][c] = "X"


if __name__ == "__main__":
    # --8<-- [start:demo]
    board = [list("XXXX"), list("XOOX"), list("XXOX"), list("XOXX")]
    capture_regions(board)
    print(["".join(row) for row in board])  # the bottom O touches the border
    #> ['XXXX', 'XXXX', 'XXXX', 'XOXX']
    # --8<-- [end:demo]
