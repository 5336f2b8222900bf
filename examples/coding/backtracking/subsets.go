// Subsets: every subset of a slice of distinct values (the power set).
package main

import (
	"errors"
	"fmt"
)

var errInvalidArgument = errors.New("invalid argument")

// --8<-- [start:optimal]
// subsets returns every subset of nums, each in the input's order, the empty
// one first.
//
// Each node of the search is a subset: record it, then try every later index
// as the next member. Time O(n * 2^n): 2^n subsets, each copied in O(n).
// Extra space O(n) for the path, besides the output.
// An error on repeated values.
func subsets(nums []int) ([][]int, error) {
	seen := make(map[int]bool, len(nums))
	for _, value := range nums {
		if seen[value] {
			return nil, fmt.Errorf("values must be distinct, %d repeats: %w",
				value, errInvalidArgument)
		}
		seen[value] = true
	}
	var result [][]int
	var path []int
	var explore func(start int)
	explore = func(start int) {
		result = append(result, append([]int{}, path...)) // every node is an answer
		for i := start; i < len(nums); i++ {
			path = append(path, nums[i]) // choose nums[i]
			explore(i + 1)               // only later indices: no subset twice
			path = path[:len(path)-1]    // un-choose
		}
	}
	explore(0)
	return result, nil
}

// --8<-- [end:optimal]

// --8<-- [start:brute_force]
// subsetsBruteForce reads each of the 2^n bitmasks as a subset: bit i set
// means nums[i] is in. Time O(n * 2^n), extra space O(n). No recursion at all.
func subsetsBruteForce(nums []int) [][]int {
	var result [][]int
	for mask := 0; mask < 1<<len(nums); mask++ {
		subset := []int{}
		for i, value := range nums {
			if mask>>i&1 == 1 {
				subset = append(subset, value)
			}
		}
		result = append(result, subset)
	}
	return result
}

// --8<-- [end:brute_force]

func main() {
	// --8<-- [start:demo]
	fmt.Println(subsets([]int{1, 2, 3}))
	//> [[] [1] [1 2] [1 2 3] [1 3] [2] [2 3] [3]] <nil>
	fmt.Println(subsetsBruteForce([]int{1, 2, 3}))
	//> [[] [1] [2] [1 2] [3] [1 3] [2 3] [1 2 3]]
	fmt.Println(subsets([]int{1, 1}))
	//> [] values must be distinct, 1 repeats: invalid argument
	// --8<-- [end:demo]
}
