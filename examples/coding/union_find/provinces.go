// Number of provinces: connected groups in an adjacency matrix.
package main

import (
	"errors"
	"fmt"
)

var errInvalidArgument = errors.New("invalid argument")

func checkMatrix(linked [][]int) error {
	n := len(linked)
	for i, row := range linked {
		if len(row) != n {
			return fmt.Errorf("row %d has %d entries; the matrix is %d x %d: %w",
				i, len(row), n, n, errInvalidArgument)
		}
	}
	for i, row := range linked {
		for j, value := range row {
			if (value != 0 && value != 1) || value != linked[j][i] {
				return fmt.Errorf("the matrix must be symmetric, of 0s and 1s: %w",
					errInvalidArgument)
			}
		}
	}
	return nil
}

// --8<-- [start:optimal]
// countProvinces counts the connected groups of cities; linked[i][j] == 1
// when cities i and j are directly connected. Only the upper triangle is
// read: the matrix is symmetric. Union by size with path compression:
// time O(n^2 alpha(n)), space O(n) beyond the input.
func countProvinces(linked [][]int) (int, error) {
	if err := checkMatrix(linked); err != nil {
		return 0, err
	}
	n := len(linked)
	parent, size := make([]int, n), make([]int, n)
	for x := range parent {
		parent[x], size[x] = x, 1
	}
	find := func(x int) int {
		root := x
		for parent[root] != root {
			root = parent[root]
		}
		for parent[x] != root { // path compression
			parent[x], x = root, parent[x]
		}
		return root
	}
	provinces := n
	for i, row := range linked {
		for j := i + 1; j < n; j++ {
			if row[j] == 0 {
				continue
			}
			a, b := find(i), find(j)
			if a == b {
				continue
			}
			if size[a] < size[b] {
				a, b = b, a
			}
			parent[b] = a // the smaller tree goes under the larger
			size[a] += size[b]
			provinces--
		}
	}
	return provinces, nil
}

// --8<-- [end:optimal]

func main() {
	fmt.Println(countProvinces([][]int{{1, 1, 0}, {1, 1, 0}, {0, 0, 1}}))
	//> 2 <nil>
	fmt.Println(countProvinces([][]int{{1, 1}, {0, 1}}))
	//> 0 the matrix must be symmetric, of 0s and 1s: invalid argument
}
