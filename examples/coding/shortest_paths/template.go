// Shortest-path templates: BFS, Dijkstra, 0-1 BFS, Bellman-Ford and a parent map.
//
// Nodes are 0 .. n-1. A weighted graph is an adjacency list of (neighbor,
// weight) pairs; an edge list is {from, to, weight} triples. Distances are
// float64 so that an unreachable node can keep math.Inf(1): it compares above
// every number, and Inf + w is still Inf, as Python's math.inf is.
package main

import (
	"container/heap"
	"container/list"
	"errors"
	"fmt"
	"log"
	"math"
)

var (
	errInvalidArgument = errors.New("invalid argument")
	errNegativeCycle   = errors.New("a negative cycle is reachable from the source")
)

type arc struct{ to, weight int }

// buildAdjacency makes an adjacency list from {u, v, w} triples; undirected
// adds both directions.
func buildAdjacency(n int, edges [][3]int, directed bool) ([][]arc, error) {
	if n < 0 {
		return nil, fmt.Errorf("the node count must be zero or more, got %d: %w",
			n, errInvalidArgument)
	}
	adjacency := make([][]arc, n)
	for _, edge := range edges {
		u, v, weight := edge[0], edge[1], edge[2]
		if u < 0 || u >= n || v < 0 || v >= n {
			return nil, fmt.Errorf("edge %v names a node outside 0..%d: %w",
				edge, n-1, errInvalidArgument)
		}
		adjacency[u] = append(adjacency[u], arc{v, weight})
		if !directed {
			adjacency[v] = append(adjacency[v], arc{u, weight})
		}
	}
	return adjacency, nil
}

// checkSource refuses a source outside 0..n-1, which would index out of range.
func checkSource(n, source int) error {
	if source < 0 || source >= n {
		return fmt.Errorf("source %d is not a node 0..%d: %w",
			source, n-1, errInvalidArgument)
	}
	return nil
}

// infinities is n distances, each +Inf: nothing reached yet.
func infinities(n int) []float64 {
	distance := make([]float64, n)
	for i := range distance {
		distance[i] = math.Inf(1)
	}
	return distance
}

// --8<-- [start:bfs]
// bfsDistances returns the fewest edges from source to every node (+Inf if
// unreachable). O(V + E).
func bfsDistances(neighbors [][]int, source int) ([]float64, error) {
	if err := checkSource(len(neighbors), source); err != nil {
		return nil, err
	}
	distance := infinities(len(neighbors))
	distance[source] = 0
	queue := []int{source}
	// Invariant: the queue holds nodes of level d, then nodes of level d + 1,
	// so the first time a node is reached is by a fewest-edge path.
	for len(queue) > 0 {
		node := queue[0]
		queue = queue[1:]
		for _, next := range neighbors[node] {
			// Mark on discovery: a node is reached once, at its level.
			if math.IsInf(distance[next], 1) {
				distance[next] = distance[node] + 1
				queue = append(queue, next)
			}
		}
	}
	return distance, nil
}

// --8<-- [end:bfs]

// --8<-- [start:dijkstra]
type candidate struct {
	dist float64
	node int
}

// candidates is a min-heap of candidates by distance, for container/heap.
type candidates []candidate

func (h candidates) Len() int           { return len(h) }
func (h candidates) Less(i, j int) bool { return h[i].dist < h[j].dist }
func (h candidates) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *candidates) Push(x any)        { *h = append(*h, x.(candidate)) }
func (h *candidates) Pop() any {
	last := (*h)[len(*h)-1]
	*h = (*h)[:len(*h)-1]
	return last
}

// dijkstra returns distances from source and each node's parent on a
// shortest path (-1 for the source and for unreached nodes).
// Weights must be >= 0 (checked). O((V + E) log V) with container/heap.
func dijkstra(adjacency [][]arc, source int) ([]float64, []int, error) {
	if err := checkSource(len(adjacency), source); err != nil {
		return nil, nil, err
	}
	for u, arcs := range adjacency {
		for _, a := range arcs {
			if a.weight < 0 {
				return nil, nil, fmt.Errorf(
					"edge %d -> %d weighs %d; use Bellman-Ford: %w",
					u, a.to, a.weight, errInvalidArgument)
			}
		}
	}
	distance := infinities(len(adjacency))
	parent := make([]int, len(adjacency))
	for i := range parent {
		parent[i] = -1
	}
	distance[source] = 0
	pending := &candidates{{0, source}}
	for pending.Len() > 0 {
		best := heap.Pop(pending).(candidate)
		if best.dist > distance[best.node] {
			continue // stale: a shorter entry for this node was popped already
		}
		// Invariant: with weights >= 0, the smallest live entry is final.
		for _, a := range adjacency[best.node] {
			if through := best.dist + float64(a.weight); through < distance[a.to] {
				distance[a.to] = through
				parent[a.to] = best.node
				heap.Push(pending, candidate{through, a.to}) // the old entry goes stale
			}
		}
	}
	return distance, parent, nil
}

// --8<-- [end:dijkstra]

// --8<-- [start:path_to]
// pathTo walks the parent map back from target; false if target was never reached.
func pathTo(parent []int, source, target int) ([]int, bool) {
	if target != source && parent[target] == -1 {
		return nil, false
	}
	path := []int{target}
	for path[len(path)-1] != source {
		path = append(path, parent[path[len(path)-1]])
	}
	for i, j := 0, len(path)-1; i < j; i, j = i+1, j-1 {
		path[i], path[j] = path[j], path[i]
	}
	return path, true
}

// --8<-- [end:path_to]

// --8<-- [start:zero_one_bfs]
// zeroOneBFS returns distances when every weight is 0 or 1 (checked).
// O(V + E), no heap: container/list serves as the double-ended queue.
func zeroOneBFS(adjacency [][]arc, source int) ([]float64, error) {
	if err := checkSource(len(adjacency), source); err != nil {
		return nil, err
	}
	for _, arcs := range adjacency {
		for _, a := range arcs {
			if a.weight != 0 && a.weight != 1 {
				return nil, fmt.Errorf("0-1 BFS needs weights of 0 or 1, not %d: %w",
					a.weight, errInvalidArgument)
			}
		}
	}
	distance := infinities(len(adjacency))
	distance[source] = 0
	queue := list.New()
	queue.PushBack(source)
	// Invariant: the deque's distances are d at the front and d or d + 1
	// behind, so the front is always a smallest one, as a heap's would be.
	for queue.Len() > 0 {
		node := queue.Remove(queue.Front()).(int)
		for _, a := range adjacency[node] {
			if through := distance[node] + float64(a.weight); through < distance[a.to] {
				distance[a.to] = through
				if a.weight == 0 {
					queue.PushFront(a.to) // same distance: goes first
				} else {
					queue.PushBack(a.to) // one more: goes last
				}
			}
		}
	}
	return distance, nil
}

// --8<-- [end:zero_one_bfs]

// --8<-- [start:bellman_ford]
// bellmanFord returns distances from source with any weights; an error
// wrapping errNegativeCycle if a negative cycle is reachable from source.
// O(V * E).
func bellmanFord(n int, edges [][3]int, source int) ([]float64, error) {
	if err := checkSource(n, source); err != nil {
		return nil, err
	}
	for _, edge := range edges {
		if edge[0] < 0 || edge[0] >= n || edge[1] < 0 || edge[1] >= n {
			return nil, fmt.Errorf("edge %v names a node outside 0..%d: %w",
				edge, n-1, errInvalidArgument)
		}
	}
	distance := infinities(n)
	distance[source] = 0
	// Invariant: after round i, distance[v] is at most the weight of the
	// lightest path to v with at most i edges. A shortest simple path has at
	// most n - 1 edges, so n - 1 rounds are enough.
	for round := 1; round < n; round++ {
		changed := false
		for _, edge := range edges {
			u, v, weight := edge[0], edge[1], float64(edge[2])
			if distance[u]+weight < distance[v] { // Inf + w stays Inf
				distance[v] = distance[u] + weight
				changed = true
			}
		}
		if !changed {
			return distance, nil // settled early: no round can change anything now
		}
	}
	// Round n: anything that still improves lies on or after a negative cycle.
	for _, edge := range edges {
		if distance[edge[0]]+float64(edge[2]) < distance[edge[1]] {
			return nil, errNegativeCycle
		}
	}
	return distance, nil
}

// --8<-- [end:bellman_ford]

func main() {
	// --8<-- [start:demo]
	// 0 -> 1 (4), 0 -> 2 (1), 2 -> 1 (2), 1 -> 3 (1); node 4 is unreachable
	edges := [][3]int{{0, 1, 4}, {0, 2, 1}, {2, 1, 2}, {1, 3, 1}}
	graph, err := buildAdjacency(5, edges, true)
	if err != nil {
		log.Fatal(err)
	}
	neighbors := make([][]int, len(graph))
	for u, arcs := range graph {
		for _, a := range arcs {
			neighbors[u] = append(neighbors[u], a.to)
		}
	}
	fmt.Println(bfsDistances(neighbors, 0))
	//> [0 1 1 2 +Inf] <nil>
	distance, parent, err := dijkstra(graph, 0)
	fmt.Println(distance, err)
	//> [0 3 1 4 +Inf] <nil>
	fmt.Println(pathTo(parent, 0, 3))
	//> [0 2 1 3] true
	fmt.Println(pathTo(parent, 0, 4))
	//> [] false
	zeroOne, err := buildAdjacency(3, [][3]int{{0, 1, 1}, {0, 2, 0}, {2, 1, 0}}, true)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(zeroOneBFS(zeroOne, 0))
	//> [0 0 0] <nil>
	fmt.Println(bellmanFord(3, [][3]int{{0, 1, 4}, {0, 2, 5}, {2, 1, -3}}, 0))
	//> [0 2 5] <nil>
	cycle := [][3]int{{0, 1, 1}, {1, 2, -2}, {2, 1, 1}} // 1 -> 2 -> 1 weighs -1
	fmt.Println(bellmanFord(3, cycle, 0))
	//> [] a negative cycle is reachable from the source
	// --8<-- [end:demo]
}
