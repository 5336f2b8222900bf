// Coin change: the fewest coins that make an amount, or -1 when none can.
//
// Any coin may be used any number of times. fewest(a) is the fewest coins
// that make amount a: the last coin is some coin c <= a, so
// fewest(a) = 1 + min over c of fewest(a - c), and fewest(0) = 0. A table
// slot no combination reaches holds amount + 1, more coins than any real
// answer (at most amount coins of 1), never 0.
package main

import (
	"errors"
	"fmt"
)

var errInvalidArgument = errors.New("invalid argument")

func checkCoins(coins []int, amount int) error {
	if amount < 0 {
		return fmt.Errorf("amount must be zero or more, got %d: %w",
			amount, errInvalidArgument)
	}
	for _, coin := range coins {
		if coin <= 0 {
			return fmt.Errorf("every coin must be a positive integer, not %d: %w",
				coin, errInvalidArgument)
		}
	}
	return nil
}

// --8<-- [start:optimal]
// minCoins returns the fewest coins summing to amount, or -1 if no
// combination does. Time O(amount * k) for k coins, space O(amount).
func minCoins(coins []int, amount int) (int, error) {
	if err := checkCoins(coins, amount); err != nil {
		return 0, err
	}
	unreachable := amount + 1 // more coins than any answer: "not reachable yet"
	fewest := make([]int, amount+1)
	for total := 1; total <= amount; total++ { // fewest[0] = 0: no coins make 0
		fewest[total] = unreachable
		for _, coin := range coins {
			if coin <= total && fewest[total-coin]+1 < fewest[total] {
				fewest[total] = fewest[total-coin] + 1
			}
		}
	}
	if fewest[amount] == unreachable {
		return -1, nil
	}
	return fewest[amount], nil
}

// --8<-- [end:optimal]

// --8<-- [start:brute_force]
// minCoinsBruteForce is plain recursion: try every coin as the last one.
// Time O(k^(amount / smallest coin)) calls, space O(amount / smallest coin) depth.
func minCoinsBruteForce(coins []int, amount int) (int, error) {
	if err := checkCoins(coins, amount); err != nil {
		return 0, err
	}
	var fewest func(rest int) (int, bool) // false: rest cannot be made
	fewest = func(rest int) (int, bool) {
		if rest == 0 {
			return 0, true
		}
		best, found := 0, false
		for _, coin := range coins {
			if coin > rest {
				continue
			}
			if count, ok := fewest(rest - coin); ok && (!found || count+1 < best) {
				best, found = count+1, true
			}
		}
		return best, found
	}
	if count, ok := fewest(amount); ok {
		return count, nil
	}
	return -1, nil
}

// --8<-- [end:brute_force]

func main() {
	// --8<-- [start:demo]
	fmt.Println(minCoins([]int{1, 2, 5}, 11)) // 5 + 5 + 1
	//> 3 <nil>
	fmt.Println(minCoins([]int{2}, 3)) // odd amounts are out of reach
	//> -1 <nil>
	fmt.Println(minCoins([]int{7}, 0)) // zero coins make zero
	//> 0 <nil>
	fmt.Println(minCoinsBruteForce([]int{1, 2, 5}, 11))
	//> 3 <nil>
	fmt.Println(minCoins([]int{0, 1}, 3))
	//> 0 every coin must be a positive integer, not 0: invalid argument
	// --8<-- [end:demo]
}
