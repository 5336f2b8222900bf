// Network delay time: Dijkstra from one source, then the slowest node.
package main

import (
	"container/heap"
	"errors"
	"fmt"
	"math"
)

var errInvalidArgument = errors.New("invalid argument")

func checkNetwork(times [][]int, n, source int) error {
	if n < 1 || source < 1 || source > n {
		return fmt.Errorf("need n >= 1 and a source in 1..n: %w", errInvalidArgument)
	}
	inRange := func(node int) bool { return 1 <= node && node <= n }
	for _, edge := range times {
		if len(edge) != 3 || !inRange(edge[0]) || !inRange(edge[1]) || edge[2] < 0 {
			return fmt.Errorf("bad edge %v: nodes 1..n, delay >= 0: %w",
				edge, errInvalidArgument)
		}
	}
	return nil
}

type arrival struct{ at, node int }

// arrivals is a min-heap by arrival time, for container/heap.
type arrivals []arrival

func (h arrivals) Len() int           { return len(h) }
func (h arrivals) Less(i, j int) bool { return h[i].at < h[j].at }
func (h arrivals) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *arrivals) Push(x any)        { *h = append(*h, x.(arrival)) }
func (h *arrivals) Pop() any {
	last := (*h)[len(*h)-1]
	*h = (*h)[:len(*h)-1]
	return last
}

// --8<-- [start:optimal]
// networkDelayTime is the time until a signal sent from source reaches every
// node 1..n, or -1 if some node is never reached. times holds directed
// [u, v, delay] edges. O((V + E) log V) time, O(V + E) space.
func networkDelayTime(times [][]int, n, source int) (int, error) {
	if err := checkNetwork(times, n, source); err != nil {
		return 0, err
	}
	type link struct{ to, delay int }
	out := make([][]link, n+1) // nodes are 1..n: index 0 stays empty
	for _, edge := range times {
		out[edge[0]] = append(out[edge[0]], link{edge[1], edge[2]})
	}
	best := make([]int, n+1)
	for node := range best {
		best[node] = math.MaxInt // not reached yet
	}
	best[source] = 0
	pending := &arrivals{{0, source}}
	for pending.Len() > 0 {
		next := heap.Pop(pending).(arrival)
		if next.at > best[next.node] {
			continue // stale: this node was reached sooner
		}
		for _, l := range out[next.node] {
			if at := next.at + l.delay; at < best[l.to] {
				best[l.to] = at
				heap.Push(pending, arrival{at, l.to})
			}
		}
	}
	slowest := 0
	for _, at := range best[1:] { // every node counts, reached or not
		if at == math.MaxInt {
			return -1, nil
		}
		if at > slowest {
			slowest = at
		}
	}
	return slowest, nil
}

// --8<-- [end:optimal]

func main() {
	// --8<-- [start:demo]
	times := [][]int{{1, 2, 4}, {1, 3, 1}, {3, 2, 2}, {2, 4, 1}}
	fmt.Println(networkDelayTime(times, 4, 1)) // 4 is reached at 1 + 2 + 1
	//> 4 <nil>
	fmt.Println(networkDelayTime(times, 5, 1)) // node 5 has no incoming edge
	//> -1 <nil>
	fmt.Println(networkDelayTime(times, 4, 2)) // edges are one-way
	//> -1 <nil>
	// --8<-- [end:demo]
}
