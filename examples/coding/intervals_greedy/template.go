// Intervals and greedy: the two skeletons the problems on the page reuse.
package main

import (
	"errors"
	"fmt"
	"sort"
)

var errInvalidArgument = errors.New("invalid argument")

// checkIntervals refuses an interval whose end comes before its start.
// Closed intervals may be a single point (start == end); half-open ones
// [start, end) must not be empty (start < end).
func checkIntervals(intervals [][2]int, closed bool) error {
	for _, interval := range intervals {
		start, end := interval[0], interval[1]
		if end < start || (!closed && end == start) {
			relation := "<"
			if closed {
				relation = "<="
			}
			return fmt.Errorf("each interval needs start %s end, not %v: %w",
				relation, interval, errInvalidArgument)
		}
	}
	return nil
}

// --8<-- [start:select_by_end]
// selectByEnd returns the largest set of pairwise non-overlapping intervals,
// earliest end first.
//
// touchingOverlaps true reads intervals as closed: [1, 2] and [2, 3] share
// the point 2 and clash. False reads them as half-open: [1, 2) and [2, 3)
// do not. Time O(n log n), space O(n).
func selectByEnd(intervals [][2]int, touchingOverlaps bool) ([][2]int, error) {
	if err := checkIntervals(intervals, touchingOverlaps); err != nil {
		return nil, err
	}
	byEnd := append([][2]int(nil), intervals...) // sort a copy, not the caller's slice
	sort.SliceStable(byEnd, func(i, j int) bool { return byEnd[i][1] < byEnd[j][1] })
	var kept [][2]int
	for _, interval := range byEnd {
		// Invariant (stays ahead): no compatible set drawn from the intervals
		// seen so far is larger than kept, and none as large ends earlier.
		compatible := true
		if n := len(kept); n > 0 {
			if touchingOverlaps {
				compatible = interval[0] > kept[n-1][1]
			} else {
				compatible = interval[0] >= kept[n-1][1]
			}
		}
		if compatible {
			kept = append(kept, interval)
		}
	}
	return kept, nil
}

// --8<-- [end:select_by_end]

// --8<-- [start:max_overlap]
// maxOverlap returns the most intervals that cover one point at the same
// time (a sweep line).
//
// Each interval is two events: +1 at its start, -1 at its end. At equal
// times, closed intervals that touch share the point, so starts go first;
// half-open ones do not, so ends go first. Time O(n log n), space O(n).
func maxOverlap(intervals [][2]int, closed bool) (int, error) {
	// An empty [t, t) would count -1 at t before its +1.
	if err := checkIntervals(intervals, closed); err != nil {
		return 0, err
	}
	type event struct{ time, change int }
	events := make([]event, 0, 2*len(intervals))
	for _, interval := range intervals {
		events = append(events, event{interval[0], +1}, event{interval[1], -1})
	}
	sort.Slice(events, func(i, j int) bool {
		a, b := events[i], events[j]
		if a.time != b.time {
			return a.time < b.time
		}
		if closed {
			return a.change > b.change // +1 before -1
		}
		return a.change < b.change // -1 before +1
	})
	running, best := 0, 0
	for _, e := range events {
		running += e.change // invariant: intervals open just after this event
		if running > best {
			best = running
		}
	}
	return best, nil
}

// --8<-- [end:max_overlap]

func main() {
	// --8<-- [start:demo]
	talks := [][2]int{{1, 2}, {2, 3}, {3, 4}, {1, 3}}
	fmt.Println(selectByEnd(talks, false)) // [1, 2) then [2, 3)
	//> [[1 2] [2 3] [3 4]] <nil>
	fmt.Println(selectByEnd(talks, true)) // [1, 2] and [2, 3] clash
	//> [[1 2] [3 4]] <nil>
	fmt.Println(maxOverlap([][2]int{{1, 2}, {2, 3}}, true)) // both cover the point 2
	//> 2 <nil>
	fmt.Println(maxOverlap([][2]int{{1, 2}, {2, 3}}, false)) // one ends as one starts
	//> 1 <nil>
	fmt.Println(maxOverlap([][2]int{{3, 3}}, false)) // an empty half-open interval
	//> 0 each interval needs start < end, not [3 3]: invalid argument
	// --8<-- [end:demo]
}
