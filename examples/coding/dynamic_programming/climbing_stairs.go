// Climbing stairs: the smallest problem that shows overlapping subproblems.
//
// You climb steps stairs, one or two at a time. How many different orders of
// moves reach the top? The plain recursion solves the same smaller staircase
// again and again; the counters below show how often.
package main

import (
	"errors"
	"fmt"
)

var errInvalidArgument = errors.New("invalid argument")

// --8<-- [start:brute_force]
// climbWaysBruteForce is plain recursion: the last move was 1 stair or 2.
// Time O(phi^n) calls (phi is about 1.618), space O(n) for the recursion.
func climbWaysBruteForce(steps int) (int, error) {
	if steps < 0 {
		return 0, fmt.Errorf("steps must be zero or more, got %d: %w",
			steps, errInvalidArgument)
	}
	var ways func(stairs int) int
	ways = func(stairs int) int {
		if stairs <= 1 {
			return 1 // zero stairs: one way, do nothing; one stair: one move
		}
		return ways(stairs-1) + ways(stairs-2)
	}
	return ways(steps), nil
}

// --8<-- [end:brute_force]

// --8<-- [start:counted]
// callsPerSubproblem counts how many times each staircase size is solved,
// without and with a cache.
func callsPerSubproblem(steps int, cached bool) map[int]int {
	calls := map[int]int{}
	memo := map[int]int{}
	var ways func(stairs int) int
	ways = func(stairs int) int {
		if known, ok := memo[stairs]; ok && cached {
			return known // a cache hit is not counted
		}
		calls[stairs]++ // counts a real evaluation
		result := 1
		if stairs > 1 {
			result = ways(stairs-1) + ways(stairs-2)
		}
		memo[stairs] = result
		return result
	}
	ways(steps)
	return calls
}

// --8<-- [end:counted]

// --8<-- [start:optimal]
// climbWays is the number of ways to climb steps stairs taking 1 or 2 at a
// time. ways(i) = ways(i-1) + ways(i-2): keep only the last two values.
// Time O(n), space O(1).
func climbWays(steps int) (int, error) {
	if steps < 0 {
		return 0, fmt.Errorf("steps must be zero or more, got %d: %w",
			steps, errInvalidArgument)
	}
	twoBack, oneBack := 1, 1 // ways(0), ways(1)
	for i := 1; i < steps; i++ {
		twoBack, oneBack = oneBack, twoBack+oneBack
	}
	return oneBack, nil
}

// --8<-- [end:optimal]

func main() {
	// --8<-- [start:demo]
	fmt.Println(callsPerSubproblem(6, false)) // stairs:times solved, keys sorted
	//> map[0:5 1:8 2:5 3:3 4:2 5:1 6:1]
	fmt.Println(callsPerSubproblem(6, true))
	//> map[0:1 1:1 2:1 3:1 4:1 5:1 6:1]
	for _, steps := range []int{10, 20, 25} {
		plain, memo := 0, 0
		for _, count := range callsPerSubproblem(steps, false) {
			plain += count // a sum: the order of a map's range does not matter
		}
		for _, count := range callsPerSubproblem(steps, true) {
			memo += count
		}
		ways, err := climbWays(steps)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("n=%d: %d ways, %d calls plain, %d cached\n",
			steps, ways, plain, memo)
		//> n=10: 89 ways, 177 calls plain, 11 cached
		//> n=20: 10946 ways, 21891 calls plain, 21 cached
		//> n=25: 121393 ways, 242785 calls plain, 26 cached
	}
	fmt.Println(climbWays(-1))
	//> 0 steps must be zero or more, got -1: invalid argument
	// --8<-- [end:demo]
}
