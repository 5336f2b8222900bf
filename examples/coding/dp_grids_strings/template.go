// The bottom-up skeleton for a 2-D dynamic program: a table filled in row-major order.
package main

import (
	"errors"
	"fmt"
)

// --8<-- [start:fill_table]
var errInvalidArgument = errors.New("invalid argument")

// fillTable returns a rows x cols table whose cell (i, j) is cell(table, i, j).
//
// Cells are filled row by row, each row left to right (row-major order).
// Invariant: when cell(table, i, j) runs, every cell above row i and every
// cell left of column j in row i is final, so cell may read (i-1, j),
// (i, j-1) and (i-1, j-1), and must not read anything below or right.
// Those cells do not exist yet (row i has j entries, later rows none), so
// reading one is an index out of range, not a silent zero.
// Time O(rows * cols) calls of cell; space O(rows * cols).
func fillTable[T any](
	rows, cols int, cell func(table [][]T, i, j int) T,
) ([][]T, error) {
	if rows < 0 || cols < 0 {
		return nil, fmt.Errorf("a table cannot be %d x %d: %w",
			rows, cols, errInvalidArgument)
	}
	table := make([][]T, 0, rows)
	for i := 0; i < rows; i++ {
		table = append(table, make([]T, 0, cols))
		for j := 0; j < cols; j++ {
			table[i] = append(table[i], cell(table, i, j))
		}
	}
	return table, nil
}

// --8<-- [end:fill_table]

// --8<-- [start:lcs_with_template]
// lcsLengthByTemplate is the length of a longest common subsequence, as one
// call to fillTable.
//
// Cell (i, j) answers the question for the prefixes a[:i] and b[:j], so the
// table has len(a)+1 rows and len(b)+1 columns: row 0 and column 0 are the
// empty prefix. String index i-1 belongs to table row i.
func lcsLengthByTemplate(a, b string) int {
	x, y := []rune(a), []rune(b) // compare characters, not UTF-8 bytes
	cell := func(table [][]int, i, j int) int {
		switch {
		case i == 0 || j == 0:
			return 0 // nothing is common with an empty prefix
		case x[i-1] == y[j-1]:
			return table[i-1][j-1] + 1
		case table[i-1][j] > table[i][j-1]:
			return table[i-1][j]
		default:
			return table[i][j-1]
		}
	}
	// Never an error: both sizes are at least 1.
	table, _ := fillTable(len(x)+1, len(y)+1, cell)
	return table[len(x)][len(y)]
}

// --8<-- [end:lcs_with_template]

func main() {
	// --8<-- [start:demo]
	fmt.Println(lcsLengthByTemplate("kitten", "sitting"))
	//> 4
	// Paths from the top-left corner that move only right or down:
	paths, err := fillTable(3, 4, func(table [][]int, i, j int) int {
		if i == 0 || j == 0 {
			return 1
		}
		return table[i-1][j] + table[i][j-1]
	})
	for _, row := range paths {
		fmt.Println(row)
		//> [1 1 1 1]
		//> [1 2 3 4]
		//> [1 3 6 10]
	}
	fmt.Println(err)
	//> <nil>
	// --8<-- [end:demo]
}
