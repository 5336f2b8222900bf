// Subarray sum equals k: how many contiguous, non-empty runs of the array add up to k.
package main

import "fmt"

// --8<-- [start:optimal]
// subarraySum counts the subarrays summing to k, negatives allowed.
// O(n) time, O(n) space.
//
// sum(nums[i:j]) == prefix[j] - prefix[i], so a run ending at j sums to k
// once for every earlier prefix equal to prefix[j] - k.
// Invariant: before step j, seen counts the prefix sums prefix[0..j-1].
func subarraySum(nums []int, k int) int {
	seen := map[int]int{0: 1} // the empty prefix: runs that start at 0
	prefix, count := 0, 0
	for _, value := range nums {
		prefix += value
		count += seen[prefix-k] // look up first ...
		seen[prefix]++          // ... then record, or k == 0 counts an empty run
	}
	return count
}

// --8<-- [end:optimal]

// --8<-- [start:brute]
// subarraySumBruteForce tries every start with a running sum per start.
// O(n^2) time, O(1) space.
func subarraySumBruteForce(nums []int, k int) int {
	count := 0
	for start := range nums {
		total := 0
		for _, value := range nums[start:] { // a slice shares the array: no copy
			total += value
			if total == k {
				count++
			}
		}
	}
	return count
}

// --8<-- [end:brute]

func main() {
	// --8<-- [start:demo]
	nums := []int{3, 4, -7, 3, 1, 3, 1, -4}
	fmt.Println(subarraySum(nums, 7), subarraySumBruteForce(nums, 7))
	//> 3 3
	fmt.Println(subarraySum([]int{0, 0}, 0)) // [0], [0] and [0, 0]
	//> 3
	// --8<-- [end:demo]
}
