// Shortest clear path in a binary grid, moving in eight directions.
package main

import (
	"errors"
	"fmt"
)

var errInvalidArgument = errors.New("invalid argument")

// checkGrid refuses a ragged grid: every row must be as long as the first.
func checkGrid(grid [][]int) error {
	for _, row := range grid {
		if len(row) != len(grid[0]) {
			return fmt.Errorf("every row of the grid must have the same length: %w",
				errInvalidArgument)
		}
	}
	return nil
}

type cell struct{ row, col int }

// steps8 are the eight moves to a neighbor, diagonals included.
var steps8 = [8]cell{
	{-1, -1}, {-1, 0}, {-1, 1},
	{0, -1}, {0, 1},
	{1, -1}, {1, 0}, {1, 1},
}

// --8<-- [start:optimal]
// shortestClearPath counts the cells on the shortest path of 0s from the
// top-left to the bottom-right cell. Moves go to any of the eight neighbors.
// Returns -1 when no path exists (including a blocked start or end).
// O(rows * cols) time and space.
func shortestClearPath(grid [][]int) (int, error) {
	if err := checkGrid(grid); err != nil {
		return 0, err
	}
	if len(grid) == 0 || len(grid[0]) == 0 {
		return -1, nil
	}
	rows, cols := len(grid), len(grid[0])
	if grid[0][0] != 0 || grid[rows-1][cols-1] != 0 {
		return -1, nil
	}
	target := cell{rows - 1, cols - 1}
	seen := map[cell]bool{{0, 0}: true}
	level := []cell{{0, 0}}
	for length := 1; len(level) > 0; length++ { // cells on a path to anything in level
		var next []cell
		for _, here := range level { // exactly the cells length away
			if here == target {
				return length, nil
			}
			for _, step := range steps8 {
				there := cell{here.row + step.row, here.col + step.col}
				r, c := there.row, there.col
				inside := 0 <= r && r < rows && 0 <= c && c < cols
				if inside && grid[r][c] == 0 && !seen[there] {
					seen[there] = true
					next = append(next, there)
				}
			}
		}
		level = next
	}
	return -1, nil
}

// --8<-- [end:optimal]

func main() {
	// --8<-- [start:demo]
	grid := [][]int{
		{0, 0, 0, 1},
		{1, 1, 0, 1},
		{1, 1, 0, 0},
		{1, 1, 1, 0},
	}
	fmt.Println(shortestClearPath(grid))
	//> 5 <nil>
	fmt.Println(shortestClearPath([][]int{{0, 1}, {1, 0}})) // one diagonal step
	//> 2 <nil>
	fmt.Println(shortestClearPath([][]int{{0, 1}, {1, 1}})) // the end is blocked
	//> -1 <nil>
	// --8<-- [end:demo]
}
