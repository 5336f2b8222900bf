// The two sliding-window skeletons: a fixed width, and grow right / shrink left.
package main

import (
	"errors"
	"fmt"
)

var errInvalidArgument = errors.New("invalid argument")

// --8<-- [start:fixed]
// fixedWindowSums returns the sum of every window of exactly k items, left
// to right. O(n) time; O(1) space besides the result.
//
// Invariant: before each append, total is the sum of nums[right-k+1 : right+1].
func fixedWindowSums(nums []int, k int) ([]int, error) {
	if k < 1 {
		return nil, fmt.Errorf("window size must be at least 1, got %d: %w",
			k, errInvalidArgument)
	}
	var sums []int
	total := 0
	for right, value := range nums {
		total += value // the new item enters
		if right >= k {
			total -= nums[right-k] // the item k places back leaves
		}
		if right >= k-1 {
			sums = append(sums, total)
		}
	}
	return sums, nil
}

// --8<-- [end:fixed]

// --8<-- [start:variable]
// longestValidWindow returns the start and length of the leftmost longest
// window for which isValid() holds.
//
// add and remove keep the caller's window state in step; isValid reads it.
// Validity must be monotone: every sub-window of a valid window is valid
// (the empty one too).
//
// Invariant: after the inner loop, items[left : right+1] is valid and no
// valid window ends at right and starts before left.
func longestValidWindow[T any](
	items []T, add, remove func(T), isValid func() bool,
) (start, length int) {
	left := 0
	for right, item := range items {
		add(item)        // grow right
		for !isValid() { // shrink left until valid again
			remove(items[left])
			left++
		}
		if right-left+1 > length { // update only after shrinking
			start, length = left, right-left+1
		}
	}
	return start, length
}

// --8<-- [end:variable]

func main() {
	// --8<-- [start:demo]
	fmt.Println(fixedWindowSums([]int{4, 2, 7, 1, 8}, 3))
	//> [13 10 16] <nil>

	counts := map[rune]int{}
	add := func(char rune) { counts[char]++ }
	remove := func(char rune) {
		counts[char]--
		if counts[char] == 0 {
			delete(counts, char) // so len(counts) is the number of distinct characters
		}
	}
	text := []rune("abaccab")
	atMostTwo := func() bool { return len(counts) <= 2 }
	start, length := longestValidWindow(text, add, remove, atMostTwo)
	fmt.Println(start, length, string(text[start:start+length]))
	//> 2 4 acca
	// --8<-- [end:demo]
}
