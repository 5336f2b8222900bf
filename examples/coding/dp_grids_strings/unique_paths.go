// Unique paths in a grid with obstacles: one row of counts, and a binomial closed form.
package main

import (
	"errors"
	"fmt"
	"math/big"
)

var errInvalidArgument = errors.New("invalid argument")

func checkGrid(grid [][]int) error {
	for _, row := range grid {
		if len(row) != len(grid[0]) {
			return fmt.Errorf("every row of the grid must have the same length: %w",
				errInvalidArgument)
		}
		for _, cell := range row {
			if cell != 0 && cell != 1 {
				return fmt.Errorf("cells must be 0 (open) or 1 (blocked), not %d: %w",
					cell, errInvalidArgument)
			}
		}
	}
	return nil
}

// --8<-- [start:optimal]
// uniquePathsWithObstacles counts the paths from the top-left to the
// bottom-right cell, moving right or down.
//
// grid[i][j] is 1 for a blocked cell and 0 for an open one. The state:
// paths[j] after row i is the number of paths from (0, 0) to (i, j).
// Transition: paths into (i, j) = paths into the cell above (the old
// paths[j]) + paths into the cell to its left (paths[j-1], already updated
// for row i); a blocked cell has 0. Time O(m * n), space O(n).
// The count is an int: past 2^63 - 1 it would wrap around.
func uniquePathsWithObstacles(grid [][]int) (int, error) {
	// Check before the empty test: {{}, {0}} is ragged, not empty.
	if err := checkGrid(grid); err != nil {
		return 0, err
	}
	if len(grid) == 0 || len(grid[0]) == 0 {
		return 0, nil
	}
	paths := make([]int, len(grid[0]))
	paths[0] = 1 // one way to stand on the start, before looking at it
	for _, row := range grid {
		for j, blocked := range row {
			if blocked == 1 {
				paths[j] = 0
			} else if j > 0 {
				paths[j] += paths[j-1] // above (old value) + left (new value)
			}
		}
	}
	return paths[len(paths)-1], nil
}

// --8<-- [end:optimal]

// --8<-- [start:brute_force]
// uniquePathsWithObstaclesBruteForce walks every path: from each cell, try
// right and try down. Plain recursion, no cache. Time O(2^(m + n)): each of
// the up to m + n - 2 moves branches in two. Space O(m + n) of recursion.
func uniquePathsWithObstaclesBruteForce(grid [][]int) (int, error) {
	if err := checkGrid(grid); err != nil {
		return 0, err
	}
	if len(grid) == 0 || len(grid[0]) == 0 {
		return 0, nil
	}
	lastRow, lastCol := len(grid)-1, len(grid[0])-1
	var walk func(i, j int) int
	walk = func(i, j int) int {
		switch {
		case i > lastRow || j > lastCol || grid[i][j] == 1:
			return 0
		case i == lastRow && j == lastCol:
			return 1
		}
		return walk(i, j+1) + walk(i+1, j)
	}
	return walk(0, 0), nil
}

// --8<-- [end:brute_force]

// --8<-- [start:closed_form]
// uniquePaths counts the paths through an open rows x cols grid: a binomial
// coefficient. Every path is rows - 1 moves down and cols - 1 moves right in
// some order; choosing which of the rows + cols - 2 moves go down fixes it.
// A *big.Int, since the count outgrows 64 bits long before the grid is large.
func uniquePaths(rows, cols int) (*big.Int, error) {
	if rows < 0 || cols < 0 {
		return nil, fmt.Errorf("a grid cannot be %d x %d: %w",
			rows, cols, errInvalidArgument)
	}
	if rows == 0 || cols == 0 {
		return big.NewInt(0), nil
	}
	return new(big.Int).Binomial(int64(rows+cols-2), int64(rows-1)), nil
}

// --8<-- [end:closed_form]

func main() {
	// --8<-- [start:demo]
	fmt.Println(uniquePathsWithObstacles([][]int{{0, 0, 0}, {0, 1, 0}, {0, 0, 0}}))
	//> 2 <nil>
	fmt.Println(uniquePathsWithObstacles([][]int{{0, 1}, {1, 0}})) // walled off
	//> 0 <nil>
	openGrid := make([][]int, 3)
	for i := range openGrid {
		openGrid[i] = make([]int, 7)
	}
	fmt.Println(uniquePathsWithObstacles(openGrid))
	//> 28 <nil>
	fmt.Println(uniquePaths(3, 7))
	//> 28 <nil>
	huge, err := uniquePaths(100, 100)
	fmt.Println(huge, err)
	//> 22750883079422934966181954039568885395604168260154104734000 <nil>
	fmt.Println(huge.BitLen()) // bits: far past 64
	//> 194
	// --8<-- [end:demo]
}
