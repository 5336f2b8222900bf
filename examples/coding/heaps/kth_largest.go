// Kth largest element: a heap of size k, a full sort, or quickselect.
package main

import (
	"container/heap"
	"errors"
	"fmt"
	"math/rand"
	"sort"
)

var errInvalidArgument = errors.New("invalid argument")

func requireKInRange(nums []int, k int) error {
	if k < 1 || k > len(nums) {
		return fmt.Errorf("k must be between 1 and len(nums) = %d, not %d: %w",
			len(nums), k, errInvalidArgument)
	}
	return nil
}

// --8<-- [start:optimal]
// minHeap is a min-heap of ints for container/heap.
type minHeap []int

func (h minHeap) Len() int           { return len(h) }
func (h minHeap) Less(i, j int) bool { return h[i] < h[j] }
func (h minHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *minHeap) Push(x any)        { *h = append(*h, x.(int)) }
func (h *minHeap) Pop() any {
	last := (*h)[len(*h)-1]
	*h = (*h)[:len(*h)-1]
	return last
}

// kthLargest returns the kth largest value, counting duplicates (k = 1 is
// the maximum). Time O(n log k), extra space O(k). An error unless
// 1 <= k <= len(nums).
func kthLargest(nums []int, k int) (int, error) {
	if err := requireKInRange(nums, k); err != nil {
		return 0, err
	}
	largest := append(minHeap(nil), nums[:k]...) // a copy: nums stays as it was
	heap.Init(&largest)                          // O(k)
	for _, num := range nums[k:] {
		// Invariant: largest holds the k largest values seen so far, so
		// largest[0], the smallest of them, is the kth largest so far.
		if num > largest[0] {
			largest[0] = num // the old kth largest drops out
			heap.Fix(&largest, 0)
		}
	}
	return largest[0], nil
}

// --8<-- [end:optimal]

// --8<-- [start:brute_force]
// kthLargestBySorting sorts a copy and reads one position.
// Time O(n log n), extra space O(n).
func kthLargestBySorting(nums []int, k int) (int, error) {
	if err := requireKInRange(nums, k); err != nil {
		return 0, err
	}
	sorted := append([]int(nil), nums...)
	sort.Sort(sort.Reverse(sort.IntSlice(sorted)))
	return sorted[k-1], nil
}

// --8<-- [end:brute_force]

var pivots = rand.New(rand.NewSource(2024)) // seeded: the same run every time

// --8<-- [start:quickselect]
// kthLargestQuickselect partitions around a random pivot and keeps only the
// side holding the answer. Average time O(n) (each round keeps a constant
// fraction on average); worst case O(n^2) with unlucky pivots. Extra space
// O(n) for the copies.
func kthLargestQuickselect(nums []int, k int) (int, error) {
	if err := requireKInRange(nums, k); err != nil {
		return 0, err
	}
	values, target := nums, len(nums)-k // the answer's index in ascending order
	for {
		// Invariant: the answer is the value at index target of sorted(values).
		pivot := values[pivots.Intn(len(values))]
		var smaller, larger []int
		for _, v := range values {
			if v < pivot {
				smaller = append(smaller, v)
			} else if v > pivot {
				larger = append(larger, v)
			}
		}
		equal := len(values) - len(smaller) - len(larger)
		switch {
		case target < len(smaller):
			values = smaller
		case target < len(smaller)+equal:
			return pivot, nil
		default:
			target -= len(smaller) + equal
			values = larger
		}
	}
}

// --8<-- [end:quickselect]

func main() {
	// --8<-- [start:demo]
	latencies := []int{120, 45, 300, 45, 80, 300, 15}
	fmt.Println(kthLargest(latencies, 1))
	//> 300 <nil>
	fmt.Println(kthLargest(latencies, 2)) // duplicates count
	//> 300 <nil>
	fmt.Println(kthLargest(latencies, 3))
	//> 120 <nil>
	fmt.Println(kthLargestQuickselect(latencies, 3))
	//> 120 <nil>
	fmt.Println(kthLargestBySorting(latencies, 7))
	//> 15 <nil>
	fmt.Println(kthLargest(latencies, 8))
	//> 0 k must be between 1 and len(nums) = 7, not 8: invalid argument
	// --8<-- [end:demo]
}
