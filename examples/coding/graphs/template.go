// BFS and DFS over any graph you can describe with a neighbors function.
package main

import "fmt"

// --8<-- [start:bfs]
// bfs returns the fewest edges from the nearest start to every node
// reachable from one. Several starts make it multi-source BFS.
// O(V + E) time, O(V) space.
func bfs[N comparable](starts []N, neighbors func(N) []N) map[N]int {
	distance := make(map[N]int)
	var queue []N
	for _, start := range starts {
		if _, seen := distance[start]; !seen {
			distance[start] = 0
			queue = append(queue, start)
		}
	}
	// Invariant: a node is in distance from the moment it is queued, with its
	// final value; the queue holds distances d then d + 1, never more spread.
	for len(queue) > 0 {
		node := queue[0]
		queue = queue[1:]
		for _, next := range neighbors(node) {
			// Mark on enqueue: each node is queued once.
			if _, seen := distance[next]; !seen {
				distance[next] = distance[node] + 1
				queue = append(queue, next)
			}
		}
	}
	return distance
}

// --8<-- [end:bfs]

// --8<-- [start:dfs]
// dfsRecursive returns nodes in the order depth-first search first reaches them.
//
// One call per node on the current path. Go grows a goroutine's stack as
// needed, up to the limit runtime/debug.SetMaxStack sets (1 GB on 64-bit
// systems by default): a deep path costs memory, not a recursion limit,
// and a path of millions of nodes can still end the program.
func dfsRecursive[N comparable](start N, neighbors func(N) []N) []N {
	var order []N
	seen := make(map[N]bool)
	var visit func(N)
	visit = func(node N) {
		seen[node] = true
		order = append(order, node)
		for _, next := range neighbors(node) {
			if !seen[next] {
				visit(next)
			}
		}
	}
	visit(start)
	return order
}

// dfsFrame is one suspended neighbor loop: a node's neighbors and the index
// of the next one to look at.
type dfsFrame[N any] struct {
	neighbors []N
	next      int
}

// dfsIterative returns the same order as dfsRecursive, with the call stack
// replaced by a slice.
//
// Each frame is the neighbor loop a recursive call would be in the middle
// of, so the walk resumes exactly where the recursion would.
func dfsIterative[N comparable](start N, neighbors func(N) []N) []N {
	order := []N{start}
	seen := map[N]bool{start: true}
	stack := []dfsFrame[N]{{neighbors: neighbors(start)}}
	// Invariant: stack[i] is the unfinished neighbor loop of the i-th node on the path.
	for len(stack) > 0 {
		top := &stack[len(stack)-1]
		if top.next == len(top.neighbors) {
			stack = stack[:len(stack)-1] // every neighbor done: this call would return
			continue
		}
		next := top.neighbors[top.next]
		top.next++
		if !seen[next] {
			seen[next] = true
			order = append(order, next)
			// Go deeper before finishing this node's loop.
			stack = append(stack, dfsFrame[N]{neighbors: neighbors(next)})
		}
	}
	return order
}

// --8<-- [end:dfs]

// adjacencyList is an undirected graph on nodes 0..n-1: graph[a] lists a's
// neighbors, each edge stored in both directions (a self-loop once).
func adjacencyList(n int, edges [][2]int) [][]int {
	graph := make([][]int, n)
	for _, edge := range edges {
		a, b := edge[0], edge[1]
		graph[a] = append(graph[a], b)
		if a != b {
			graph[b] = append(graph[b], a)
		}
	}
	return graph
}

func main() {
	// --8<-- [start:demo]
	graph := adjacencyList(6, [][2]int{{0, 1}, {0, 2}, {1, 3}, {2, 3}, {3, 4}})
	neighbors := func(node int) []int { return graph[node] }
	fmt.Println(bfs([]int{0}, neighbors)) // keys printed sorted; 5 is unreachable
	//> map[0:0 1:1 2:1 3:2 4:3]
	fmt.Println(dfsRecursive(0, neighbors))
	//> [0 1 3 2 4]
	fmt.Println(dfsIterative(0, neighbors))
	//> [0 1 3 2 4]
	// --8<-- [end:demo]
}
