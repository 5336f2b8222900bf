// Non-overlapping intervals: the fewest removals that leave no two overlapping.
package main

import (
	"errors"
	"fmt"
	"math"
	"sort"
)

var errInvalidArgument = errors.New("invalid argument")

// checkHalfOpen refuses anything but [start, end) pairs with start < end.
func checkHalfOpen(intervals [][]int) error {
	for _, interval := range intervals {
		if len(interval) != 2 || interval[1] <= interval[0] {
			return fmt.Errorf("each interval is [start, end), start < end, not %v: %w",
				interval, errInvalidArgument)
		}
	}
	return nil
}

// overlap reads a and b as half-open: sharing only an endpoint is not overlapping.
func overlap(a, b []int) bool { return a[0] < b[1] && b[0] < a[1] }

// --8<-- [start:optimal]
// minRemovals returns the fewest half-open intervals to remove so the rest
// do not overlap. [1, 2) and [2, 3) do not overlap. Greedy: keep the interval
// that ends first, drop what clashes with it, repeat.
// Time O(n log n), space O(n).
func minRemovals(intervals [][]int) (int, error) {
	if err := checkHalfOpen(intervals); err != nil {
		return 0, err
	}
	byEnd := append([][]int(nil), intervals...) // sort a copy, not the caller's slice
	sort.Slice(byEnd, func(i, j int) bool { return byEnd[i][1] < byEnd[j][1] })
	kept, lastEnd := 0, math.MinInt
	for _, interval := range byEnd {
		if interval[0] >= lastEnd { // starts when or after the last kept one ends
			kept++
			lastEnd = interval[1]
		}
	}
	return len(intervals) - kept, nil
}

// --8<-- [end:optimal]

// --8<-- [start:brute_force]
// minRemovalsBruteForce tries every subset, largest first, until one has no
// overlapping pair. Up to 2^n subsets, each checked pair by pair:
// time O(2^n * n^2), space O(n).
func minRemovalsBruteForce(intervals [][]int) (int, error) {
	if err := checkHalfOpen(intervals); err != nil {
		return 0, err
	}
	n := len(intervals)
	most := 0 // the largest subset without an overlapping pair
	for subset := 0; subset < 1<<n; subset++ {
		var chosen [][]int
		for i := range intervals {
			if subset&(1<<i) != 0 {
				chosen = append(chosen, intervals[i])
			}
		}
		if len(chosen) > most && !anyOverlap(chosen) {
			most = len(chosen)
		}
	}
	return n - most, nil
}

func anyOverlap(intervals [][]int) bool {
	for i := range intervals {
		for j := i + 1; j < len(intervals); j++ {
			if overlap(intervals[i], intervals[j]) {
				return true
			}
		}
	}
	return false
}

// --8<-- [end:brute_force]

// --8<-- [start:by_start]
// minRemovalsByStart is WRONG: it keeps intervals in start order, dropping
// any that clash with the last kept. A long interval that starts first is
// kept and blocks everything inside it.
func minRemovalsByStart(intervals [][]int) (int, error) {
	if err := checkHalfOpen(intervals); err != nil {
		return 0, err
	}
	byStart := append([][]int(nil), intervals...)
	sort.Slice(byStart, func(i, j int) bool {
		return byStart[i][0] < byStart[j][0] // by start: the wrong key
	})
	kept, lastEnd := 0, math.MinInt
	for _, interval := range byStart {
		if interval[0] >= lastEnd {
			kept++
			lastEnd = interval[1]
		}
	}
	return len(intervals) - kept, nil
}

// --8<-- [end:by_start]

func main() {
	// --8<-- [start:demo]
	fmt.Println(minRemovals([][]int{{1, 2}, {2, 3}, {3, 4}, {1, 3}})) // drop [1, 3)
	//> 1 <nil>
	longFirst := [][]int{{1, 10}, {2, 3}, {4, 5}}
	fmt.Println(minRemovals(longFirst))
	//> 1 <nil>
	fmt.Println(minRemovalsBruteForce(longFirst))
	//> 1 <nil>
	fmt.Println(minRemovalsByStart(longFirst)) // keeps [1, 10), drops the other two
	//> 2 <nil>
	fmt.Println(minRemovals([][]int{{2, 2}}))
	//> 0 each interval is [start, end), start < end, not [2 2]: invalid argument
	// --8<-- [end:demo]
}
