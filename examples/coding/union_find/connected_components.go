// Number of connected components in an undirected graph given as an edge list.
package main

import (
	"errors"
	"fmt"
)

var errInvalidArgument = errors.New("invalid argument")

func checkGraph(n int, edges [][]int) error {
	if n < 0 {
		return fmt.Errorf("n must be >= 0, got %d: %w", n, errInvalidArgument)
	}
	for _, edge := range edges {
		if len(edge) != 2 || edge[0] < 0 || edge[0] >= n ||
			edge[1] < 0 || edge[1] >= n {
			return fmt.Errorf("edge %v names a node outside 0..%d: %w",
				edge, n-1, errInvalidArgument)
		}
	}
	return nil
}

// --8<-- [start:optimal]
// countComponents counts the components of the graph on nodes 0..n-1 with
// the given undirected edges.
//
// Start with n singletons; every edge that joins two different sets removes
// one. Repeated edges and self-loops join nothing. Union by size with path
// compression: time O(n + E alpha(n)), space O(n).
func countComponents(n int, edges [][]int) (int, error) {
	if err := checkGraph(n, edges); err != nil {
		return 0, err
	}
	parent, size := make([]int, n), make([]int, n)
	for x := range parent {
		parent[x], size[x] = x, 1
	}
	find := func(x int) int {
		root := x
		for parent[root] != root {
			root = parent[root]
		}
		for parent[x] != root { // path compression
			parent[x], x = root, parent[x]
		}
		return root
	}
	components := n
	for _, edge := range edges {
		a, b := find(edge[0]), find(edge[1])
		if a == b {
			continue // already one set
		}
		if size[a] < size[b] {
			a, b = b, a
		}
		parent[b] = a // the smaller tree goes under the larger
		size[a] += size[b]
		components-- // two different roots became one
	}
	return components, nil
}

// --8<-- [end:optimal]

// --8<-- [start:brute_force]
// countComponentsBruteForce builds adjacency lists and floods each unvisited
// node with an explicit stack. Time O(n + E), space O(n + E).
func countComponentsBruteForce(n int, edges [][]int) (int, error) {
	if err := checkGraph(n, edges); err != nil {
		return 0, err
	}
	neighbors := make([][]int, n)
	for _, edge := range edges {
		neighbors[edge[0]] = append(neighbors[edge[0]], edge[1])
		neighbors[edge[1]] = append(neighbors[edge[1]], edge[0])
	}
	seen := make([]bool, n)
	components := 0
	for start := range seen {
		if seen[start] {
			continue
		}
		components++
		seen[start] = true
		stack := []int{start}
		for len(stack) > 0 {
			node := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, other := range neighbors[node] {
				if !seen[other] {
					seen[other] = true
					stack = append(stack, other)
				}
			}
		}
	}
	return components, nil
}

// --8<-- [end:brute_force]

func main() {
	// --8<-- [start:demo]
	fmt.Println(countComponents(5, [][]int{{0, 1}, {1, 2}, {3, 4}}))
	//> 2 <nil>
	repeatAndLoop := [][]int{{0, 1}, {1, 0}, {2, 2}}
	fmt.Println(countComponents(4, repeatAndLoop))
	//> 3 <nil>
	fmt.Println(countComponentsBruteForce(4, repeatAndLoop))
	//> 3 <nil>
	fmt.Println(countComponents(2, [][]int{{0, 2}}))
	//> 0 edge [0 2] names a node outside 0..1: invalid argument
	// --8<-- [end:demo]
}
