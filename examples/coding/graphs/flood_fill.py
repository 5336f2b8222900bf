"""Flood fill: repaint the region of one color around a starting pixel."""

from __future__ import annotations

from examples.coding.graphs.number_of_islands import check_grid
from examples.coding.graphs.representation import Grid, grid_neighbors


# --8<-- [start:optimal]
def flood_fill(image: Grid, row: int, col: int, color: int) -> Grid:
    """A new image with the start pixel's 4-connected region painted `color`.

    The input is not changed. A `seen` set, not the pixel colors, stops the
    walk, so painting a region its own color cannot loop.
    O(rows * cols) time and space.
    """
    check_grid(image)
    if not (0 <= row < len(image) and 0 <= col < len(image[0])):
        raise ValueError(f"({row}, {col}) is outside the image")
    painted = [line[:] for line in image]
    old = image[row][col]
    seen = {(row, col)}
    stack = [(row, col)]
    while stack:
        r, c = stack.pop()
        painted[r][c] = color
        for nxt in grid_neighbors(image, r, c):
            if image[nxt[0]][nxt[1]] == old and nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return painted


# --8<-- [end:optimal]


def flood_fill_brute_force(image: Grid, row: int, col: int, color: int) -> Grid:
    """Grow the region one ring per sweep until it stops growing: O((rows * cols)^2)."""
    check_grid(image)
    if not (0 <= row < len(image) and 0 <= col < len(image[0])):
        raise ValueError(f"({row}, {col}) is outside the image")
    old = image[row][col]
    region = {(row, col)}
    while True:
        ring = {
            nxt
            for cell in region
            for nxt in grid_neighbors(image, *cell)
            if image[nxt[0]][nxt[1]] == old
        } - region
        if not ring:
            break
        region |= ring
    return [
        [color if (r, c) in region else image[r][c] for c in range(len(image[r]))]
        for r in range(len(image))
    ]


if __name__ == "__main__":
    # --8<-- [start:demo]
    image = [[1, 1, 0], [1, 0, 0], [1, 1, 1]]
    print(flood_fill(image, 0, 0, 7))
    #> [[7, 7, 0], [7, 0, 0], [7, 7, 7]]
    print(image)  # unchanged
    #> [[1, 1, 0], [1, 0, 0], [1, 1, 1]]
    # --8<-- [end:demo]
