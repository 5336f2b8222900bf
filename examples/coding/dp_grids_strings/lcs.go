// Longest common subsequence: the length in one row, one LCS from the full table.
package main

import "fmt"

// --8<-- [start:length]
// lcsLength is the length of a longest common subsequence of a and b.
//
// The state: row[j] after processing a[:i] is the LCS length of a[:i] and
// b[:j]. Transition: if a[i-1] == b[j-1], the diagonal plus one, else the
// larger of the cell above (old row[j]) and the cell to the left (new
// row[j-1]). The diagonal is the old row[j-1], which this row has already
// overwritten, so it is saved in diagonal first.
// Time O(m * n), space O(min(m, n)): the shorter string goes on the row.
func lcsLength(a, b string) int {
	x, y := []rune(a), []rune(b) // characters, not UTF-8 bytes
	if len(y) > len(x) {
		x, y = y, x // LCS is symmetric; a shorter row is less memory
	}
	row := make([]int, len(y)+1) // row 0: the empty prefix of a
	for i := 1; i <= len(x); i++ {
		diagonal := 0 // old row[0]: the empty prefix of b is always 0
		for j := 1; j <= len(y); j++ {
			above := row[j] // old row[j], the diagonal of the next cell
			switch {
			case x[i-1] == y[j-1]:
				row[j] = diagonal + 1
			case row[j-1] > above:
				row[j] = row[j-1]
			}
			diagonal = above
		}
	}
	return row[len(y)]
}

// --8<-- [end:length]

// --8<-- [start:reconstruct]
// longestCommonSubsequence returns one longest common subsequence of a and b
// (there may be several).
//
// Fills the whole (m + 1) x (n + 1) table, then walks back from (m, n): a
// match on the diagonal is part of the answer; otherwise step toward the
// neighbor that holds the same length. Time O(m * n), space O(m * n): the
// walk needs every row, so this one cannot roll.
func longestCommonSubsequence(a, b string) string {
	x, y := []rune(a), []rune(b)
	table := make([][]int, len(x)+1)
	for i := range table {
		table[i] = make([]int, len(y)+1)
	}
	for i := 1; i <= len(x); i++ {
		for j := 1; j <= len(y); j++ {
			if x[i-1] == y[j-1] {
				table[i][j] = table[i-1][j-1] + 1
			} else if table[i-1][j] >= table[i][j-1] {
				table[i][j] = table[i-1][j]
			} else {
				table[i][j] = table[i][j-1]
			}
		}
	}
	letters := make([]rune, table[len(x)][len(y)])
	i, j := len(x), len(y)
	for next := len(letters) - 1; i > 0 && j > 0; {
		switch {
		case x[i-1] == y[j-1]:
			letters[next] = x[i-1] // filled from the back: no reverse needed
			next, i, j = next-1, i-1, j-1
		case table[i-1][j] >= table[i][j-1]:
			i-- // the answer for (i, j) is also the answer without a[i-1]
		default:
			j--
		}
	}
	return string(letters)
}

// --8<-- [end:reconstruct]

// --8<-- [start:brute_force]
// lcsLengthBruteForce is plain recursion over every choice at (i, j): skip
// a[i], skip b[j], or, when they are equal, keep both.
//
// No cache, so the same suffix pair is solved again and again. Each call
// makes at most three calls and the depth is at most m + n: time
// O(3^(m + n)), space O(m + n) of recursion.
func lcsLengthBruteForce(a, b string) int {
	x, y := []rune(a), []rune(b)
	var best func(i, j int) int
	best = func(i, j int) int {
		if i == len(x) || j == len(y) {
			return 0
		}
		length := best(i+1, j)
		if skipB := best(i, j+1); skipB > length {
			length = skipB
		}
		if x[i] == y[j] {
			if keep := 1 + best(i+1, j+1); keep > length {
				length = keep
			}
		}
		return length
	}
	return best(0, 0)
}

// --8<-- [end:brute_force]

func main() {
	// --8<-- [start:demo]
	a, b := "ABCBDAB", "BDCABA"
	fmt.Println(lcsLength(a, b), lcsLengthBruteForce(a, b))
	//> 4 4
	fmt.Println(longestCommonSubsequence(a, b))
	//> BCBA
	fmt.Println(longestCommonSubsequence(b, a)) // swapped: another LCS
	//> BDAB
	fmt.Printf("%q\n", longestCommonSubsequence("abc", "xyz"))
	//> ""
	// --8<-- [end:demo]
}
