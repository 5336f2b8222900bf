// Topological sort two ways: Kahn's in-degree queue and a three-color DFS.
//
// Nodes are 0..n-1 and an edge {u, v} means "u comes before v".
package main

import (
	"errors"
	"fmt"
)

var (
	errInvalidArgument = errors.New("invalid argument")
	errCycle           = errors.New("the graph has a cycle")
)

// --8<-- [start:adjacency]
// successorsOf returns graph[u] listing every v with an edge {u, v};
// repeated edges are kept. Every node gets a list, isolated ones too.
func successorsOf(n int, edges [][2]int) ([][]int, error) {
	if n < 0 {
		return nil, fmt.Errorf("n must be >= 0, got %d: %w", n, errInvalidArgument)
	}
	graph := make([][]int, n)
	for _, edge := range edges {
		before, after := edge[0], edge[1]
		if before < 0 || before >= n || after < 0 || after >= n {
			return nil, fmt.Errorf("edge %v must be two nodes in 0..%d: %w",
				edge, n-1, errInvalidArgument)
		}
		graph[before] = append(graph[before], after)
	}
	return graph, nil
}

// --8<-- [end:adjacency]

// --8<-- [start:kahn]
// kahnOrder returns every node once, each edge {u, v} with u before v; an
// error wrapping errCycle if there is a cycle. Time O(V + E), space O(V + E).
func kahnOrder(n int, edges [][2]int) ([]int, error) {
	graph, err := successorsOf(n, edges)
	if err != nil {
		return nil, err
	}
	inDegree := make([]int, n)
	for _, successors := range graph {
		for _, after := range successors {
			inDegree[after]++ // a repeated edge counts twice and is removed twice
		}
	}
	var ready []int
	for node, degree := range inDegree {
		if degree == 0 {
			ready = append(ready, node)
		}
	}
	order := make([]int, 0, n)
	for len(ready) > 0 {
		// Invariant: inDegree[v] counts v's predecessors not yet in order,
		// so a node enters ready exactly when all of them are placed.
		node := ready[0]
		ready = ready[1:]
		order = append(order, node)
		for _, after := range graph[node] {
			inDegree[after]--
			if inDegree[after] == 0 {
				ready = append(ready, after)
			}
		}
	}
	// A node on a cycle never reaches in-degree 0, nor does anything after it.
	if len(order) < n {
		return nil, fmt.Errorf("%d of %d nodes placed: %w", len(order), n, errCycle)
	}
	return order, nil
}

// --8<-- [end:kahn]

const (
	white = iota // unvisited
	gray         // on the current path
	black        // finished
)

// --8<-- [start:dfs]
// threeColorDFS returns (nodes in finishing order, nil), or (partial, one
// cycle as [a, ..., a]). Iterative, so a long chain needs no deep call
// stack. Time O(V + E), space O(V).
func threeColorDFS(graph [][]int) (finished, cycle []int) {
	color := make([]int, len(graph))
	for root := range graph {
		if color[root] != white {
			continue
		}
		color[root] = gray
		path := []int{root} // Invariant: the gray nodes are exactly path, in order.
		next := []int{0}    // next[i]: the index of path[i]'s next successor to look at
		for len(path) > 0 {
			top := len(path) - 1
			node := path[top]
			if next[top] == len(graph[node]) { // every successor is black: node is done
				color[node] = black
				finished = append(finished, node)
				path, next = path[:top], next[:top]
				continue
			}
			after := graph[node][next[top]]
			next[top]++
			switch color[after] {
			case gray: // back edge: after is on the path
				for i, onPath := range path {
					if onPath == after {
						return finished, append(append([]int(nil), path[i:]...), after)
					}
				}
			case white:
				color[after] = gray
				path, next = append(path, after), append(next, 0)
			}
		}
	}
	return finished, nil
}

// dfsOrder returns a topological order by reversed finishing time; an error
// wrapping errCycle if there is a cycle.
func dfsOrder(n int, edges [][2]int) ([]int, error) {
	graph, err := successorsOf(n, edges)
	if err != nil {
		return nil, err
	}
	finished, cycle := threeColorDFS(graph)
	if cycle != nil {
		return nil, fmt.Errorf("%v: %w", cycle, errCycle)
	}
	// A node finishes after everything reachable from it, so reversed, it comes first.
	for i, j := 0, len(finished)-1; i < j; i, j = i+1, j-1 {
		finished[i], finished[j] = finished[j], finished[i]
	}
	return finished, nil
}

// findCycle returns one directed cycle as [a, b, ..., a] (each step an
// edge), or nil for a DAG.
func findCycle(n int, edges [][2]int) ([]int, error) {
	graph, err := successorsOf(n, edges)
	if err != nil {
		return nil, err
	}
	_, cycle := threeColorDFS(graph)
	return cycle, nil
}

// --8<-- [end:dfs]

func main() {
	// --8<-- [start:demo]
	edges := [][2]int{{0, 2}, {1, 2}, {2, 3}, {1, 3}}
	fmt.Println(kahnOrder(5, edges)) // 4 has no edges and still appears
	//> [0 1 4 2 3] <nil>
	fmt.Println(dfsOrder(5, edges))
	//> [4 1 0 2 3] <nil>
	cyclic := [][2]int{{0, 1}, {1, 2}, {2, 1}, {2, 3}}
	fmt.Println(kahnOrder(4, cyclic))
	//> [] 1 of 4 nodes placed: the graph has a cycle
	fmt.Println(findCycle(4, cyclic))
	//> [1 2 1] <nil>
	// --8<-- [end:demo]
}
