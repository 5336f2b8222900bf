// A valid course order, or an empty one when the prerequisites contain a cycle.
package main

import (
	"errors"
	"fmt"
)

var errInvalidArgument = errors.New("invalid argument")

func checkCourses(numCourses int, prerequisites [][]int) error {
	if numCourses < 0 {
		return fmt.Errorf("numCourses must be >= 0, got %d: %w",
			numCourses, errInvalidArgument)
	}
	for _, pair := range prerequisites {
		if len(pair) != 2 || pair[0] < 0 || pair[0] >= numCourses ||
			pair[1] < 0 || pair[1] >= numCourses {
			return fmt.Errorf("%v must be two courses in 0..%d: %w",
				pair, numCourses-1, errInvalidArgument)
		}
	}
	return nil
}

// --8<-- [start:optimal]
// courseOrder returns every course once, each after its prerequisites, and
// an empty order if that is impossible. [course, before] is the edge
// before -> course; Kahn's algorithm on it. Time O(V + E), space O(V + E).
func courseOrder(numCourses int, prerequisites [][]int) ([]int, error) {
	if err := checkCourses(numCourses, prerequisites); err != nil {
		return nil, err
	}
	unlocks := make([][]int, numCourses) // unlocks[before] lists the courses it opens
	waitingOn := make([]int, numCourses) // prerequisites not taken yet
	for _, pair := range prerequisites {
		course, before := pair[0], pair[1]
		unlocks[before] = append(unlocks[before], course)
		waitingOn[course]++
	}
	var ready []int
	for course, waiting := range waitingOn {
		if waiting == 0 {
			ready = append(ready, course)
		}
	}
	order := []int{}
	for len(ready) > 0 {
		// Invariant: waitingOn[c] counts c's prerequisites not yet in order.
		course := ready[0]
		ready = ready[1:]
		order = append(order, course)
		for _, next := range unlocks[course] {
			waitingOn[next]--
			if waitingOn[next] == 0 {
				ready = append(ready, next)
			}
		}
	}
	if len(order) < numCourses {
		return []int{}, nil // a course on a cycle never stops waiting
	}
	return order, nil
}

// --8<-- [end:optimal]

func main() {
	// --8<-- [start:demo]
	prerequisites := [][]int{{1, 0}, {2, 0}, {3, 1}, {3, 2}}
	fmt.Println(courseOrder(4, prerequisites))
	//> [0 1 2 3] <nil>
	fmt.Println(courseOrder(3, [][]int{{0, 1}, {1, 0}})) // 0 and 1 wait on each other
	//> [] <nil>
	fmt.Println(courseOrder(2, [][]int{{0, 2}}))
	//> [] [0 2] must be two courses in 0..1: invalid argument
	// --8<-- [end:demo]
}
