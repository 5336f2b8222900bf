// The heap toolkit: container/heap over one slice type whose order is a
// function, so the same type is a min-heap, a max-heap or a heap with a
// tie-break, and a bounded heap that keeps the k largest items of a stream.
package main

import (
	"container/heap"
	"errors"
	"fmt"
	"sort"
)

// --8<-- [start:heap_type]
// orderedHeap is a slice that container/heap keeps in heap order:
// less(a, b) reports whether a must come out before b.
type orderedHeap[T any] struct {
	items []T
	less  func(a, b T) bool
}

func (h *orderedHeap[T]) Len() int           { return len(h.items) }
func (h *orderedHeap[T]) Less(i, j int) bool { return h.less(h.items[i], h.items[j]) }
func (h *orderedHeap[T]) Swap(i, j int) {
	h.items[i], h.items[j] = h.items[j], h.items[i]
}

// Push and Pop are for container/heap to call; callers use heap.Push and heap.Pop.
func (h *orderedHeap[T]) Push(x any) { h.items = append(h.items, x.(T)) }

func (h *orderedHeap[T]) Pop() any {
	last := h.items[len(h.items)-1]
	h.items = h.items[:len(h.items)-1]
	return last
}

// --8<-- [end:heap_type]

// --8<-- [start:k_largest]
var errInvalidArgument = errors.New("invalid argument")

// ordered is what a key may be: numbers and strings compare with <.
type ordered interface {
	~int | ~int64 | ~float64 | ~string
}

type ranked[T any, K ordered] struct {
	key     K
	arrival int
	item    T
}

// kLargest returns the k items with the largest keys, largest first; ties
// keep the earlier item. The same answer as a stable sort by key, largest
// first, cut to k, in one pass that holds at most k entries.
// Time O(n log k), extra space O(k).
func kLargest[T any, K ordered](items []T, k int, key func(T) K) ([]T, error) {
	if k < 0 {
		return nil, fmt.Errorf("k must be zero or more, got %d: %w",
			k, errInvalidArgument)
	}
	// smaller: a lower key, or an equal key that arrived later. The heap's
	// smallest entry is the first to be evicted.
	smaller := func(a, b ranked[T, K]) bool {
		if a.key != b.key {
			return a.key < b.key
		}
		return a.arrival > b.arrival
	}
	kept := &orderedHeap[ranked[T, K]]{less: smaller}
	for arrival, item := range items {
		entry := ranked[T, K]{key(item), arrival, item}
		// Invariant: kept holds the k largest entries seen so far, and
		// kept.items[0] is the smallest of them: the bar a newcomer must clear.
		if kept.Len() < k {
			heap.Push(kept, entry)
		} else if k > 0 && smaller(kept.items[0], entry) {
			kept.items[0] = entry // replace the bar with the newcomer...
			heap.Fix(kept, 0)     // ...and sift it down: one O(log k) step
		}
	}
	sort.Slice(kept.items, func(i, j int) bool {
		return smaller(kept.items[j], kept.items[i]) // largest first
	})
	largest := make([]T, len(kept.items))
	for i, entry := range kept.items {
		largest[i] = entry.item
	}
	return largest, nil
}

// --8<-- [end:k_largest]

func main() {
	// --8<-- [start:basics]
	h := &orderedHeap[int]{
		items: []int{5, 1, 8, 3, 2, 9},
		less:  func(a, b int) bool { return a < b },
	}
	heap.Init(h)         // in place, O(n)
	fmt.Println(h.items) // a heap, not a sorted slice
	//> [1 2 8 3 5 9]
	fmt.Println(h.items[0]) // the smallest, always at index 0
	//> 1
	fmt.Println(heap.Pop(h), heap.Pop(h)) // O(log n) each
	//> 1 2
	heap.Push(h, 0) // O(log n)
	fmt.Println(h.items[0])
	//> 0
	// --8<-- [end:basics]
	// --8<-- [start:max_heap]
	// A max-heap: reverse less rather than negate every key.
	busiest := &orderedHeap[int]{
		items: []int{40, 75, 10},
		less:  func(a, b int) bool { return a > b },
	}
	heap.Init(busiest)
	fmt.Println(busiest.items[0])
	//> 75
	fmt.Println(heap.Pop(busiest), heap.Pop(busiest))
	//> 75 40
	// --8<-- [end:max_heap]
	// --8<-- [start:tiebreak]
	// container/heap is not stable: an arrival number puts ties in first-in order.
	type job struct {
		priority, arrival int
		name              string
	}
	jobs := &orderedHeap[job]{less: func(a, b job) bool {
		if a.priority != b.priority {
			return a.priority < b.priority
		}
		return a.arrival < b.arrival
	}}
	pending := []job{{priority: 2, name: "email"}, {priority: 1, name: "bill"}}
	pending = append(pending, job{priority: 2, name: "sms"}) // ties with email
	for arrival, next := range pending {
		next.arrival = arrival
		heap.Push(jobs, next)
	}
	var names []string
	for jobs.Len() > 0 {
		names = append(names, heap.Pop(jobs).(job).name)
	}
	fmt.Println(names) // ties: first in
	//> [bill email sms]
	// --8<-- [end:tiebreak]
	// --8<-- [start:demo]
	words := []string{"kiwi", "fig", "banana", "plum", "cherry"}
	length := func(word string) int { return len(word) }
	fmt.Println(kLargest(words, 2, length)) // two six-letter words tie: first wins
	//> [banana cherry] <nil>
	fmt.Println(kLargest(words, 3, length)) // kiwi and plum tie: kiwi came first
	//> [banana cherry kiwi] <nil>
	sorted := append([]string(nil), words...)
	sort.SliceStable(sorted, func(i, j int) bool {
		return len(sorted[i]) > len(sorted[j])
	})
	fmt.Println(sorted[:3]) // a stable sort agrees
	//> [banana cherry kiwi]
	// --8<-- [end:demo]
}
