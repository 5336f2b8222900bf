// Length of the longest substring with at most k distinct characters.
package main

import (
	"errors"
	"fmt"
)

var errInvalidArgument = errors.New("invalid argument")

// --8<-- [start:optimal]
// longestKDistinct grows right and, while more than k distinct characters
// are inside, shrinks left. O(n) time, O(k) space: the map never holds more
// than k + 1 keys. Characters are runes, not UTF-8 bytes.
func longestKDistinct(text string, k int) (int, error) {
	if k < 0 {
		return 0, fmt.Errorf("k must be at least 0, got %d: %w", k, errInvalidArgument)
	}
	chars := []rune(text)
	counts := map[rune]int{}
	left, best := 0, 0
	for right, char := range chars {
		counts[char]++
		for len(counts) > k {
			gone := chars[left]
			counts[gone]--
			if counts[gone] == 0 {
				delete(counts, gone) // a zero left behind still counts in len()
			}
			left++
		}
		if right-left+1 > best {
			best = right - left + 1
		}
	}
	return best, nil
}

// --8<-- [end:optimal]

// --8<-- [start:brute]
// longestKDistinctBruteForce extends from every start while at most k
// characters are distinct: O(n^2) time.
func longestKDistinctBruteForce(text string, k int) (int, error) {
	if k < 0 {
		return 0, fmt.Errorf("k must be at least 0, got %d: %w", k, errInvalidArgument)
	}
	chars := []rune(text)
	best := 0
	for start := range chars {
		seen := map[rune]bool{}
		for end := start; end < len(chars); end++ {
			seen[chars[end]] = true
			if len(seen) > k {
				break
			}
			if end-start+1 > best {
				best = end - start + 1
			}
		}
	}
	return best, nil
}

// --8<-- [end:brute]

func main() {
	fmt.Println(longestKDistinct("eceba", 2))
	//> 3 <nil>
	fmt.Println(longestKDistinct("aabbcc", 1))
	//> 2 <nil>
	fmt.Println(longestKDistinctBruteForce("aabbcc", 1))
	//> 2 <nil>
	fmt.Println(longestKDistinct("abc", -1))
	//> 0 k must be at least 0, got -1: invalid argument
}
