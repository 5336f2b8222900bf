// Remove duplicates from a sorted slice in place: a read and a write index.
package main

import "fmt"

// --8<-- [start:optimal]
// removeDuplicates moves each distinct value of sorted numbers to the front,
// in order, and returns k, the number of distinct values: numbers[:k] holds
// them and the slots after k hold leftovers the caller must ignore. Nothing
// is allocated. Time O(n), space O(1).
func removeDuplicates(numbers []int) int {
	write := 0 // the next slot to fill; numbers[:write] is the answer so far
	for read := range numbers {
		if write == 0 || numbers[read] != numbers[write-1] {
			numbers[write] = numbers[read]
			write++
		}
	}
	return write
}

// --8<-- [end:optimal]

// --8<-- [start:brute_force]
// removeDuplicatesBruteForce builds the distinct values in a new slice, then
// copies them back. Time O(n), space O(n): the extra slice and set are what
// the in-place version avoids.
func removeDuplicatesBruteForce(numbers []int) int {
	var distinct []int
	seen := make(map[int]bool)
	for _, value := range numbers {
		if !seen[value] { // keeps first occurrences, in order
			seen[value] = true
			distinct = append(distinct, value)
		}
	}
	return copy(numbers, distinct)
}

// --8<-- [end:brute_force]

// --8<-- [start:prefix]
// distinctPrefix is what the case file checks: the first k values after
// removeDuplicates.
func distinctPrefix(numbers []int) []int {
	return numbers[:removeDuplicates(numbers)]
}

// --8<-- [end:prefix]

func main() {
	// --8<-- [start:demo]
	readings := []int{0, 0, 1, 1, 1, 2, 3, 3}
	count := removeDuplicates(readings)
	fmt.Println(count, readings[:count], readings)
	//> 4 [0 1 2 3] [0 1 2 3 1 2 3 3]
	// --8<-- [end:demo]
}
