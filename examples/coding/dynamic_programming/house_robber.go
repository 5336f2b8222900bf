// House robber: from a recursion to two variables, on one problem.
//
// Houses stand in a row, each holding an amount. Take amounts from houses,
// never from two neighbors, and return the largest total. (A negative amount
// is never worth taking, so skipping every house, 0, is always allowed.)
// best(i) is the largest total from the first i houses: house i-1 is either
// skipped, best(i-1), or taken, values[i-1] + best(i-2).
package main

import "fmt"

// --8<-- [start:brute_force]
// houseRobberBruteForce is plain recursion on the state.
// Time O(phi^n), space O(n) depth.
func houseRobberBruteForce(values []int) int {
	var best func(i int) int // the largest total from the first i houses
	best = func(i int) int {
		if i <= 0 {
			return 0
		}
		skip, take := best(i-1), values[i-1]+best(i-2)
		if take > skip {
			return take
		}
		return skip
	}
	return best(len(values))
}

// --8<-- [end:brute_force]

// --8<-- [start:table]
// houseRobberTable fills best[0..n] smallest first. Time O(n), space O(n).
func houseRobberTable(values []int) int {
	n := len(values)
	best := make([]int, n+1) // best[i] for i = 0..n: n + 1 subproblems
	for i := 1; i <= n; i++ {
		twoBack := 0
		if i >= 2 {
			twoBack = best[i-2]
		}
		best[i] = best[i-1]
		if take := values[i-1] + twoBack; take > best[i] {
			best[i] = take
		}
	}
	return best[n]
}

// --8<-- [end:table]

// --8<-- [start:optimal]
// houseRobber keeps only the two entries the transition reads.
// Time O(n), space O(1).
func houseRobber(values []int) int {
	twoBack, oneBack := 0, 0 // best(i-2), best(i-1)
	for _, value := range values {
		next := oneBack
		if take := value + twoBack; take > next {
			next = take
		}
		twoBack, oneBack = oneBack, next
	}
	return oneBack
}

// --8<-- [end:optimal]

func main() {
	// --8<-- [start:demo]
	houses := []int{2, 7, 9, 3, 1}
	fmt.Println(houseRobberBruteForce(houses), houseRobberTable(houses))
	//> 12 12
	fmt.Println(houseRobber(houses)) // 2 + 9 + 1
	//> 12
	// --8<-- [end:demo]
}
