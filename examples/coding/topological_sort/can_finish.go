// Can every course be finished? A cycle in the prerequisites is the only obstacle.
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
	isCourse := func(c int) bool { return 0 <= c && c < numCourses }
	for _, pair := range prerequisites {
		if len(pair) != 2 || !isCourse(pair[0]) || !isCourse(pair[1]) {
			return fmt.Errorf("%v must be two courses in 0..%d: %w",
				pair, numCourses-1, errInvalidArgument)
		}
	}
	return nil
}

// --8<-- [start:optimal]
// canFinish reports whether some order takes every course; [course, before]
// means before first. Kahn's algorithm counting courses instead of listing
// them. Time O(V + E), space O(V + E).
func canFinish(numCourses int, prerequisites [][]int) (bool, error) {
	if err := checkCourses(numCourses, prerequisites); err != nil {
		return false, err
	}
	unlocks := make([][]int, numCourses)
	waitingOn := make([]int, numCourses)
	for _, pair := range prerequisites {
		course, before := pair[0], pair[1]
		unlocks[before] = append(unlocks[before], course) // the edge before -> course
		waitingOn[course]++
	}
	var ready []int
	for course, waiting := range waitingOn {
		if waiting == 0 {
			ready = append(ready, course)
		}
	}
	taken := 0
	for len(ready) > 0 {
		course := ready[0]
		ready = ready[1:]
		taken++
		for _, later := range unlocks[course] {
			waitingOn[later]--
			if waitingOn[later] == 0 {
				ready = append(ready, later)
			}
		}
	}
	return taken == numCourses, nil // fewer: the rest wait on a cycle
}

// --8<-- [end:optimal]

func main() {
	// --8<-- [start:demo]
	fmt.Println(canFinish(3, [][]int{{1, 0}, {2, 1}})) // 0, then 1, then 2
	//> true <nil>
	fmt.Println(canFinish(3, [][]int{{1, 0}, {0, 2}, {2, 1}})) // 0 -> 1 -> 2 -> 0
	//> false <nil>
	fmt.Println(canFinish(1, [][]int{{0, 0}})) // it requires itself
	//> false <nil>
	// --8<-- [end:demo]
}
