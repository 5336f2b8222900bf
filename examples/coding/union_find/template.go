// Union-find (disjoint set union): a parent slice, find with path
// compression, union by size. Two flavors: integer elements 0..n-1 in
// slices, and any comparable keys in maps.
package main

import (
	"errors"
	"fmt"
	"log"
)

var errInvalidArgument = errors.New("invalid argument")

// --8<-- [start:disjoint_set]
// DisjointSet holds elements 0..n-1, each starting in a set of its own.
//
// Invariant: following parent from any element ends at its set's root, the
// one element with parent[root] == root; two elements are in the same set
// exactly when they reach the same root. size[r] is right for roots only.
// Amortized O(alpha(n)) per Find or Union; space O(n).
type DisjointSet struct {
	parent []int
	size   []int
	count  int // number of disjoint sets
}

func newDisjointSet(n int) (*DisjointSet, error) {
	if n < 0 {
		return nil, fmt.Errorf("n must be >= 0, got %d: %w", n, errInvalidArgument)
	}
	sets := &DisjointSet{parent: make([]int, n), size: make([]int, n), count: n}
	for x := range sets.parent {
		sets.parent[x], sets.size[x] = x, 1
	}
	return sets, nil
}

// Find returns the root of x's set; every node on the way ends up pointing at it.
func (s *DisjointSet) Find(x int) int {
	root := x
	for s.parent[root] != root {
		root = s.parent[root]
	}
	for s.parent[x] != root { // second pass: path compression
		s.parent[x], x = root, s.parent[x]
	}
	return root
}

// Union merges the sets of a and b; false if they were already one set.
func (s *DisjointSet) Union(a, b int) bool {
	rootA, rootB := s.Find(a), s.Find(b)
	if rootA == rootB {
		return false
	}
	if s.size[rootA] < s.size[rootB] {
		rootA, rootB = rootB, rootA
	}
	s.parent[rootB] = rootA // the smaller tree goes under the larger
	s.size[rootA] += s.size[rootB]
	s.count-- // only here: two different roots became one
	return true
}

func (s *DisjointSet) Connected(a, b int) bool { return s.Find(a) == s.Find(b) }

// --8<-- [end:disjoint_set]

// --8<-- [start:keyed]
// KeyedDisjointSet is the same structure over any comparable keys (emails,
// coordinates). A key joins as a set of its own the first time Add, Find or
// Union sees it, so count includes keys that never met another one.
type KeyedDisjointSet[K comparable] struct {
	parent map[K]K
	size   map[K]int
	count  int
}

func newKeyedDisjointSet[K comparable]() *KeyedDisjointSet[K] {
	return &KeyedDisjointSet[K]{parent: map[K]K{}, size: map[K]int{}}
}

func (s *KeyedDisjointSet[K]) Add(key K) {
	if _, known := s.parent[key]; !known {
		s.parent[key] = key
		s.size[key] = 1
		s.count++
	}
}

func (s *KeyedDisjointSet[K]) Find(key K) K {
	s.Add(key)
	root := key
	for s.parent[root] != root {
		root = s.parent[root]
	}
	for s.parent[key] != root {
		s.parent[key], key = root, s.parent[key]
	}
	return root
}

func (s *KeyedDisjointSet[K]) Union(a, b K) bool {
	rootA, rootB := s.Find(a), s.Find(b)
	if rootA == rootB {
		return false
	}
	if s.size[rootA] < s.size[rootB] {
		rootA, rootB = rootB, rootA
	}
	s.parent[rootB] = rootA
	s.size[rootA] += s.size[rootB]
	s.count--
	return true
}

// --8<-- [end:keyed]

func main() {
	// --8<-- [start:demo]
	sets, err := newDisjointSet(6)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(sets.Union(0, 1), sets.Union(1, 2), sets.Union(3, 4))
	//> true true true
	fmt.Println(sets.Union(2, 0)) // already one set: nothing changes
	//> false
	fmt.Println(sets.count, sets.Connected(0, 2), sets.Connected(0, 3))
	//> 3 true false
	fmt.Println(sets.parent, sets.size[sets.Find(0)])
	//> [0 0 0 3 3 5] 3

	emails := newKeyedDisjointSet[string]()
	emails.Union("ann@x.io", "ann@y.io")
	emails.Add("bob@x.io")
	fmt.Println(emails.count, emails.Find("ann@y.io"))
	//> 2 ann@x.io
	// --8<-- [end:demo]
}
