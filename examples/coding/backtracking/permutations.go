// Permutations: every ordering of a slice of distinct values.
package main

import (
	"errors"
	"fmt"
)

var errInvalidArgument = errors.New("invalid argument")

// --8<-- [start:optimal]
// permutations returns every ordering of nums (distinct values), in
// lexicographic order of positions.
//
// A node is a prefix; its children are the values not used yet, tracked in
// a slice of flags so the check is O(1). Time O(n * n!): n! leaves, each
// copied in O(n), and fewer than e * n! nodes in all. Extra space O(n).
// An error on repeated values.
func permutations(nums []int) ([][]int, error) {
	seen := make(map[int]bool, len(nums))
	for _, value := range nums {
		if seen[value] {
			return nil, fmt.Errorf("values must be distinct, %d repeats: %w",
				value, errInvalidArgument)
		}
		seen[value] = true
	}
	var result [][]int
	path := make([]int, 0, len(nums))
	used := make([]bool, len(nums))
	var explore func()
	explore = func() {
		if len(path) == len(nums) {
			result = append(result, append([]int{}, path...))
			return
		}
		for i, value := range nums {
			if used[i] {
				continue
			}
			used[i] = true // choose
			path = append(path, value)
			explore()
			path = path[:len(path)-1] // un-choose, in the reverse order
			used[i] = false
		}
	}
	explore()
	return result, nil
}

// --8<-- [end:optimal]

func main() {
	// --8<-- [start:demo]
	fmt.Println(permutations([]int{1, 2, 3}))
	//> [[1 2 3] [1 3 2] [2 1 3] [2 3 1] [3 1 2] [3 2 1]] <nil>
	fmt.Println(permutations([]int{2, 2}))
	//> [] values must be distinct, 2 repeats: invalid argument
	// --8<-- [end:demo]
}
