"""Word search: does a word run through a grid of letters along adjacent cells?"""

from __future__ import annotations

from collections import Counter

STEPS = ((1, 0), (-1, 0), (0, 1), (0, -1))


def _check(board: list[list[str]]) -> None:
    if any(len(row) != len(board[0]) for row in board):
        raise ValueError("every row of the board must have the same length")


# --8<-- [start:optimal]
def word_search(board: list[list[str]], word: str) -> bool:
    """True if `word` is spelled by a path of up, down, left, right steps, no cell twice.

    A cell on the path is marked by blanking it and restored on the way back,
    so the board is unchanged when the function returns. Time O(cells * 3^L)
    for a word of length L (after the first letter, at most three unvisited
    neighbors); extra space O(L) for the recursion. Raises ValueError on a
    ragged board. The empty word is found everywhere, even on an empty board.
    """
    _check(board)
    if not word:
        return True
    have = Counter(letter for row in board for letter in row)
    if any(have[letter] < count for letter, count in Counter(word).items()):
        return False  # not enough letters on the whole board: skip the search
    rows, cols = len(board), len(board[0]) if board else 0

    def extend(r: int, c: int, k: int) -> bool:
        # Called when board[r][c] == word[k]; that cell is not on the path yet.
        if k == len(word) - 1:
            return True
        letter = board[r][c]
        board[r][c] = ""  # choose: the cell is on the path now
        try:
            for dr, dc in STEPS:
                nr, nc = r + dr, c + dc
                inside = 0 <= nr < rows and 0 <= nc < cols
                if inside and board[nr][nc] == word[k + 1] and extend(nr, nc, k + 1):
                    return True  # the first answer is enough: stop searching
            return False
        finally:
            board[r][c] = letter  # un-choose, on every way out

    return any(
        board[r][c] == word[0] and extend(r, c, 0)
        for r in range(rows)
        for c in range(cols)
    )


# --8<-- [end:optimal]


# --8<-- [start:brute_force]
def word_search_brute_force(board: list[list[str]], word: str) -> bool:
    """Spell every simple path of len(word) cells, then look for the word among them.

    No letter is checked until a path is complete, so the search explores
    every path: O(cells * 4 * 3^(L - 2)) of them.
    """
    _check(board)
    if not word:
        return True
    rows, cols = len(board), len(board[0]) if board else 0
    spelled: set[str] = set()

    def walk(path: list[tuple[int, int]]) -> None:
        if len(path) == len(word):
            spelled.add("".join(board[r][c] for r, c in path))
            return
        r, c = path[-1]
        for dr, dc in STEPS:
            cell = (r + dr, c + dc)
            if 0 <= cell[0] < rows and 0 <= cell[1] < cols and cell not in path:
                walk([*path, cell])

    for r in range(rows):
        for c in range(cols):
            walk([(r, c)])
    return word in spelled


# --8<-- [end:brute_force]


if __name__ == "__main__":
    # --8<-- [start:demo]
    grid = [list("CAT"), list("OAR"), list("WSE")]
    print([word_search(grid, word) for word in ("CAAR", "TRAS", "COWS", "CART")])
    #> [True, True, True, False]
    print(word_search(grid, "CAAC"))  # would need to reuse the C
    #> False
    print(grid == [list("CAT"), list("OAR"), list("WSE")])  # restored
    #> True
    # --8<-- [end:demo]
