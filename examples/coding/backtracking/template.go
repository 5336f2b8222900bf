// The backtracking template: choose, explore, un-choose.
//
// backtrack walks a tree of partial answers depth first. A node is a path
// (the choices made so far); its children are the choices still allowed.
package main

import (
	"fmt"
	"strings"
)

// --8<-- [start:backtrack]
// backtrack returns every path of choices that isAnswer accepts, in
// depth-first order.
//
// choices(path) lists the choices allowed after path (nothing at a leaf, and
// nothing on a branch that cannot lead to an answer: that is pruning).
// isAnswer(path) says whether path itself is an answer to record.
// Time: the number of nodes visited times the cost of choices and isAnswer,
// plus O(len(path)) to copy each answer. Extra space: O(depth) besides the output.
func backtrack[T any](choices func(path []T) []T, isAnswer func(path []T) bool) [][]T {
	var answers [][]T
	var path []T
	var explore func()
	explore = func() {
		// Invariant: explore returns with path exactly as it found it.
		if isAnswer(path) {
			answer := make([]T, len(path)) // a copy: path's array keeps changing
			copy(answer, path)
			answers = append(answers, answer)
		}
		for _, choice := range choices(path) {
			path = append(path, choice) // choose
			explore()                   // explore
			path = path[:len(path)-1]   // un-choose
		}
	}
	explore()
	return answers
}

// --8<-- [end:backtrack]

func main() {
	// --8<-- [start:demo]
	// Subsets of three items: choose indices in increasing order.
	items := []string{"a", "b", "c"}
	picks := backtrack(
		func(path []int) []int {
			var next []int
			first := 0
			if len(path) > 0 {
				first = path[len(path)-1] + 1
			}
			for i := first; i < len(items); i++ {
				next = append(next, i)
			}
			return next
		},
		func(path []int) bool { return true },
	)
	var subsets []string
	for _, pick := range picks {
		var subset strings.Builder
		for _, i := range pick {
			subset.WriteString(items[i])
		}
		subsets = append(subsets, subset.String())
	}
	fmt.Printf("%q\n", subsets)
	//> ["" "a" "ab" "abc" "ac" "b" "bc" "c"]

	// Permutations: any letter not used yet; an answer uses them all.
	letters := []rune("xyz")
	orders := backtrack(
		func(path []rune) []rune {
			var unused []rune
			for _, c := range letters {
				if !strings.ContainsRune(string(path), c) {
					unused = append(unused, c)
				}
			}
			return unused
		},
		func(path []rune) bool { return len(path) == len(letters) },
	)
	var words []string
	for _, order := range orders {
		words = append(words, string(order))
	}
	fmt.Printf("%q\n", words)
	//> ["xyz" "xzy" "yxz" "yzx" "zxy" "zyx"]
	// --8<-- [end:demo]
}
