"""Word search II: every dictionary word that can be traced in a letter grid."""

from __future__ import annotations


def _check_board(board: list[list[str]]) -> None:
    if any(len(row) != len(board[0]) for row in board):
        raise ValueError("every row of the board must have the same length")
    if any(len(cell) != 1 for row in board for cell in row):
        raise ValueError("every cell must hold exactly one character")


# --8<-- [start:optimal]
class _Node:
    __slots__ = ("children", "word")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.word: str | None = None  # the word that ends here, until found


def find_words(board: list[list[str]], words: list[str]) -> list[str]:
    """Each distinct word traceable through side-by-side cells, each cell used
    at most once per word; any order.

    One DFS per starting cell walks the board and the trie together, so a
    path stops as soon as no word starts with it. Time O(cells * 4 * 3^(L-1))
    in the worst case for the longest word L; space O(total characters).
    """
    _check_board(board)
    root = _Node()
    for word in words:
        node = root
        for char in word:
            node = node.children.setdefault(char, _Node())
        node.word = word
    grid = [row[:] for row in board]  # marks visited cells; the input stays
    rows, cols = len(grid), len(grid[0]) if grid else 0
    found: list[str] = []

    def visit(r: int, c: int, parent: _Node) -> None:
        char = grid[r][c]
        node = parent.children.get(char)
        if node is None:
            return  # no word continues this path: prune
        if node.word is not None:
            found.append(node.word)
            node.word = None  # found once; a second path must not add it again
        grid[r][c] = ""  # matches no trie edge, so the path cannot reuse it
        for dr, dc in ((1, 0), (-1, 0), (0, 1), (0, -1)):
            nr, nc = r + dr, c + dc
            if 0 <= nr < rows and 0 <= nc < cols and grid[nr][nc]:
                visit(nr, nc, node)
        grid[r][c] = char
        if not node.children and node.word is None:
            del parent.children[char]  # nothing left to find below: cut it off

    for r in range(rows):
        for c in range(cols):
            visit(r, c, root)
    return found


# --8<-- [end:optimal]


# --8<-- [start:brute_force]
def exists(board: list[list[str]], word: str) -> bool:
    """Single-word search: a DFS from every cell. O(cells * 4 * 3^(L-1))."""
    rows, cols = len(board), len(board[0]) if board else 0
    used: set[tuple[int, int]] = set()

    def trace(r: int, c: int, i: int) -> bool:
        if i == len(word):
            return True
        if not (0 <= r < rows and 0 <= c < cols) or (r, c) in used:
            return False
        if board[r][c] != word[i]:
            return False
        used.add((r, c))
        moves = ((1, 0), (-1, 0), (0, 1), (0, -1))
        hit = any(trace(r + dr, c + dc, i + 1) for dr, dc in moves)
        used.discard((r, c))
        return hit

    return bool(word) and any(trace(r, c, 0) for r in range(rows) for c in range(cols))


def find_words_brute_force(board: list[list[str]], words: list[str]) -> list[str]:
    """Run the single-word search once per distinct word."""
    _check_board(board)
    return [word for word in dict.fromkeys(words) if exists(board, word)]


# --8<-- [end:brute_force]


if __name__ == "__main__":
    # --8<-- [start:demo]
    board = [list("oaan"), list("etae"), list("ihkr"), list("iflv")]
    print(sorted(find_words(board, ["oath", "pea", "eat", "rain", "oat"])))
    #> ['eat', 'oat', 'oath']
    print(find_words([["a", "a"]], ["a", "aa", "aaa"]))  # "a" starts at two cells
    #> ['a', 'aa']
    # --8<-- [end:demo]
