// Length of the longest substring with no repeated character.
package main

import "fmt"

// --8<-- [start:optimal]
// longestUniqueSubstring jumps left past the last copy of the repeated
// character. O(n) time; O(m) space for m distinct characters. left never
// moves back: a last-seen index left of the window is stale and ignored.
// Characters are runes, not UTF-8 bytes.
func longestUniqueSubstring(text string) int {
	lastSeen := map[rune]int{}
	left, best := 0, 0
	for right, char := range []rune(text) {
		if at, seen := lastSeen[char]; seen && at >= left { // repeat inside the window
			left = at + 1
		}
		lastSeen[char] = right
		if right-left+1 > best {
			best = right - left + 1
		}
	}
	return best
}

// --8<-- [end:optimal]

// --8<-- [start:set]
// longestUniqueSubstringWithSet grows right and, while the new character is
// already in the set, shrinks left. O(n) time: each index enters the set
// once and leaves it at most once.
func longestUniqueSubstringWithSet(text string) int {
	chars := []rune(text)
	window := map[rune]bool{}
	left, best := 0, 0
	for right, char := range chars {
		for window[char] {
			delete(window, chars[left])
			left++
		}
		window[char] = true
		if right-left+1 > best {
			best = right - left + 1
		}
	}
	return best
}

// --8<-- [end:set]

// --8<-- [start:brute]
// longestUniqueSubstringBruteForce extends from every start until a repeat:
// O(n * m) time, O(m) space. Each start reads at most m + 1 characters.
func longestUniqueSubstringBruteForce(text string) int {
	chars := []rune(text)
	best := 0
	for start := range chars {
		seen := map[rune]bool{}
		for _, char := range chars[start:] { // a subslice shares the array: no copy
			if seen[char] {
				break
			}
			seen[char] = true
		}
		if len(seen) > best {
			best = len(seen)
		}
	}
	return best
}

// --8<-- [end:brute]

func main() {
	// --8<-- [start:demo]
	for _, text := range []string{"abcabcbb", "abba", "pwwkew", ""} {
		fmt.Printf("%q %d\n", text, longestUniqueSubstring(text))
		//> "abcabcbb" 3
		//> "abba" 2
		//> "pwwkew" 3
		//> "" 0
	}
	// --8<-- [end:demo]
}
