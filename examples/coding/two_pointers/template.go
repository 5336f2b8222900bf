// The two shapes of two pointers, as reusable helpers.
//
// converge walks two indices toward each other over sorted data.
// compact walks a read index and a write index in the same direction and
// rewrites a slice in place.
package main

import "fmt"

// --8<-- [start:converge]
// converge finds indices i < j with compare(i, j) == 0, moving in from both
// ends; ok is false when there are none.
//
// compare(i, j) returns a negative number when the pair is too small (so i
// moves right), a positive one when it is too big (so j moves left), and 0
// when (i, j) is the answer. This is only correct when moving an index can
// never skip an answer: on data sorted ascending, "too small" means no pair
// that uses i can work, and "too big" means no pair that uses j can.
// Time O(size) calls of compare; space O(1).
func converge(size int, compare func(i, j int) int) (i, j int, ok bool) {
	left, right := 0, size-1
	for left < right { // two distinct indices; left == right would reuse one
		// Invariant: no answer uses an index below left or above right.
		verdict := compare(left, right)
		switch {
		case verdict == 0:
			return left, right, true
		case verdict < 0:
			left++
		default:
			right--
		}
	}
	return 0, 0, false
}

// --8<-- [end:converge]

// --8<-- [start:compact]
// compact keeps, in order and in place, the values that keep accepts, and
// returns how many.
//
// keep(value, kept) sees the candidate and the kept prefix values[:write],
// so a rule can look at what it already kept (for example "differs from the
// last kept value"). After the call values[:count] holds the kept values;
// the slots after it hold leftovers. Time O(n) calls of keep; space O(1).
func compact[T any](values []T, keep func(value T, kept []T) bool) int {
	write := 0
	for read := range values {
		// Invariant: values[:write] is the answer for values[:read], and write <= read.
		if keep(values[read], values[:write]) {
			values[write] = values[read]
			write++
		}
	}
	return write
}

// --8<-- [end:compact]

func main() {
	// --8<-- [start:demo]
	prices := []int{3, 8, 11, 15, 21}
	sumMinus26 := func(i, j int) int { return prices[i] + prices[j] - 26 }
	fmt.Println(converge(len(prices), sumMinus26))
	//> 2 3 true
	readings := []int{1, 1, 2, 2, 2, 5}
	count := compact(readings, func(value int, kept []int) bool {
		return len(kept) == 0 || value != kept[len(kept)-1]
	})
	fmt.Println(count, readings[:count])
	//> 3 [1 2 5]
	// --8<-- [end:demo]
}
