// The template of the pattern: one pass, look up the partner, then record the item.
package main

import "fmt"

// --8<-- [start:template]
// countPairsWithEarlier counts the pairs j < i with values[j] == partner(values[i]),
// in O(n) time and O(n) space.
//
// Invariant: when step i looks up, seen holds exactly values[0..i-1].
// Looking up before recording is what stops an item pairing with itself.
func countPairsWithEarlier[T comparable](values []T, partner func(T) T) int {
	seen := make(map[T]int, len(values))
	pairs := 0
	for _, value := range values {
		pairs += seen[partner(value)] // a missing key reads as the zero value, 0
		seen[value]++
	}
	return pairs
}

// --8<-- [end:template]

// --8<-- [start:uses]
// countPairsSummingTo counts pairs i < j with nums[i]+nums[j] == target.
func countPairsSummingTo(nums []int, target int) int {
	return countPairsWithEarlier(nums, func(x int) int { return target - x })
}

// countSubarraysSummingTo: a subarray sums to k when two prefix sums differ by k.
func countSubarraysSummingTo(nums []int, k int) int {
	prefixSums := make([]int, 1, len(nums)+1) // 0, nums[0], nums[0]+nums[1], ...
	for _, x := range nums {
		prefixSums = append(prefixSums, prefixSums[len(prefixSums)-1]+x)
	}
	return countPairsWithEarlier(prefixSums, func(p int) int { return p - k })
}

func hasDuplicate(items []string) bool {
	return countPairsWithEarlier(items, func(s string) string { return s }) > 0
}

// --8<-- [end:uses]

func main() {
	// --8<-- [start:demo]
	fmt.Println(countPairsSummingTo([]int{3, 3, 1, 5}, 6))
	//> 2
	fmt.Println(countPairsSummingTo([]int{3}, 6)) // 3 is not its own partner
	//> 0
	fmt.Println(countSubarraysSummingTo([]int{1, -1, 1}, 1))
	//> 3
	fmt.Println(hasDuplicate([]string{"a", "b", "a"}))
	//> true
	// --8<-- [end:demo]
}
