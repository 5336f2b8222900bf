// Number of islands: count the 4-connected groups of land cells in a grid.
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

// steps4 are the moves up, down, left and right: no diagonals.
var steps4 = [4]cell{{-1, 0}, {1, 0}, {0, -1}, {0, 1}}

// --8<-- [start:optimal]
// numIslands counts the islands of 1s (land), joined up, down, left and
// right. Leaves the grid unchanged: visited cells are marked in a grid of
// their own, not in the input. O(rows * cols) time and space.
func numIslands(grid [][]int) (int, error) {
	if err := checkGrid(grid); err != nil {
		return 0, err
	}
	seen := make([][]bool, len(grid))
	for r := range grid {
		seen[r] = make([]bool, len(grid[r]))
	}
	islands := 0
	for row := range grid {
		for col := range grid[row] {
			if grid[row][col] != 1 || seen[row][col] {
				continue
			}
			islands++ // a land cell no earlier fill reached: a new island
			seen[row][col] = true
			stack := []cell{{row, col}} // any order fills an island: a stack will do
			for len(stack) > 0 {
				here := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				for _, step := range steps4 {
					r, c := here.row+step.row, here.col+step.col
					if r < 0 || r >= len(grid) || c < 0 || c >= len(grid[r]) {
						continue // off the grid
					}
					if grid[r][c] == 1 && !seen[r][c] {
						seen[r][c] = true // mark on push, as BFS marks on enqueue
						stack = append(stack, cell{r, c})
					}
				}
			}
		}
	}
	return islands, nil
}

// --8<-- [end:optimal]

func main() {
	// --8<-- [start:demo]
	grid := [][]int{
		{1, 1, 0, 0, 1},
		{1, 0, 0, 1, 1},
		{0, 0, 1, 0, 0},
		{1, 0, 0, 0, 1},
	}
	fmt.Println(numIslands(grid))
	//> 5 <nil>
	fmt.Println(numIslands([][]int{{1, 0}, {0, 1}})) // diagonal cells are not joined
	//> 2 <nil>
	fmt.Println(numIslands([][]int{{1, 1}, {1}}))
	//> 0 every row of the grid must have the same length: invalid argument
	// --8<-- [end:demo]
}
