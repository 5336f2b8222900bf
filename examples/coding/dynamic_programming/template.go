// The bottom-up skeleton every 1-D dynamic program on this page fills in.
package main

import (
	"errors"
	"fmt"
)

// --8<-- [start:tabulate]
var errInvalidArgument = errors.New("invalid argument")

// tabulate returns the answers to subproblems 0..size, smallest first.
//
// first holds the base cases (answers 0, 1, ...), and step(table, i)
// computes answer i from the table so far.
// Invariant: when step(table, i) runs, table[0..i-1] are final answers and
// table has exactly i entries, so reading table[i] or beyond is an index out
// of range: step can read only smaller subproblems.
// Time O(size) calls of step; space O(size): size + 1 answers, not size.
func tabulate[T any](size int, first []T, step func(table []T, i int) T) ([]T, error) {
	if size < 0 {
		return nil, fmt.Errorf("size must be zero or more, got %d: %w",
			size, errInvalidArgument)
	}
	if len(first) == 0 {
		return nil, fmt.Errorf("give at least one base case: %w", errInvalidArgument)
	}
	table := append([]T(nil), first...) // a copy: the caller's slice is not written
	for i := len(table); i <= size; i++ {
		table = append(table, step(table[:i:i], i))
	}
	return table[:size+1], nil // fewer subproblems than base cases: drop the extras
}

// --8<-- [end:tabulate]

func main() {
	// --8<-- [start:demo]
	// Climbing stairs: ways(i) = ways(i - 1) + ways(i - 2).
	fmt.Println(tabulate(7, []int{1, 1}, func(ways []int, i int) int {
		return ways[i-1] + ways[i-2]
	}))
	//> [1 1 2 3 5 8 13 21] <nil>

	// House robber: best(i) over the first i houses; take house i - 1 or skip it.
	houses := []int{2, 7, 9, 3, 1}
	rob := func(best []int, i int) int {
		skip, take := best[i-1], houses[i-1]
		if i >= 2 {
			take += best[i-2]
		}
		if take > skip {
			return take
		}
		return skip
	}
	fmt.Println(tabulate(len(houses), []int{0}, rob))
	//> [0 2 7 11 11 12] <nil>

	// Fewest coins for every amount up to 6 with coins 1, 3 and 4 (7: unreachable).
	coins, unreachable := []int{1, 3, 4}, 7
	fewest := func(few []int, amount int) int {
		best := unreachable
		for _, c := range coins {
			if c <= amount && few[amount-c]+1 < best {
				best = few[amount-c] + 1
			}
		}
		return best
	}
	fmt.Println(tabulate(6, []int{0}, fewest))
	//> [0 1 2 1 1 2 2] <nil>
	fmt.Println(tabulate(-1, []int{0}, fewest)) // an error, not a panic
	//> [] size must be zero or more, got -1: invalid argument
	// --8<-- [end:demo]
}
