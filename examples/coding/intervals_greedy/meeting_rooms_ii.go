// Meeting rooms II: the fewest rooms that hold every meeting.
package main

import (
	"container/heap"
	"errors"
	"fmt"
	"sort"
)

var errInvalidArgument = errors.New("invalid argument")

// checkHalfOpen refuses anything but [start, end) pairs with start < end.
func checkHalfOpen(meetings [][]int) error {
	for _, meeting := range meetings {
		if len(meeting) != 2 || meeting[1] <= meeting[0] {
			return fmt.Errorf("each meeting is [start, end), start < end, not %v: %w",
				meeting, errInvalidArgument)
		}
	}
	return nil
}

// --8<-- [start:optimal]
// endTimes is a min-heap of end times for container/heap.
type endTimes []int

func (h endTimes) Len() int           { return len(h) }
func (h endTimes) Less(i, j int) bool { return h[i] < h[j] }
func (h endTimes) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *endTimes) Push(x any)        { *h = append(*h, x.(int)) }
func (h *endTimes) Pop() any {
	last := (*h)[len(*h)-1]
	*h = (*h)[:len(*h)-1]
	return last
}

// minRooms returns the fewest rooms for half-open meetings [start, end),
// with a heap of end times. A room freed at 10 can hold a meeting that
// starts at 10. Time O(n log n), space O(n).
func minRooms(meetings [][]int) (int, error) {
	if err := checkHalfOpen(meetings); err != nil {
		return 0, err
	}
	byStart := append([][]int(nil), meetings...) // sort a copy, not the caller's slice
	sort.Slice(byStart, func(i, j int) bool { return byStart[i][0] < byStart[j][0] })
	ends := &endTimes{} // one end time per room opened; the earliest on top
	for _, meeting := range byStart {
		if ends.Len() > 0 && (*ends)[0] <= meeting[0] {
			(*ends)[0] = meeting[1] // the room that frees first is free now: reuse it
			heap.Fix(ends, 0)
		} else {
			heap.Push(ends, meeting[1]) // every room is busy: open one
		}
	}
	return ends.Len(), nil
}

// --8<-- [end:optimal]

// --8<-- [start:sweep]
// minRoomsSweep counts rooms by a sweep over +1/-1 events.
// Time O(n log n), space O(n).
func minRoomsSweep(meetings [][]int) (int, error) {
	if err := checkHalfOpen(meetings); err != nil {
		return 0, err
	}
	type event struct{ time, change int }
	var events []event
	for _, meeting := range meetings {
		events = append(events, event{meeting[0], +1}, event{meeting[1], -1})
	}
	sort.Slice(events, func(i, j int) bool {
		if events[i].time != events[j].time {
			return events[i].time < events[j].time
		}
		return events[i].change < events[j].change // at one time, ends first
	})
	inUse, rooms := 0, 0
	for _, e := range events {
		inUse += e.change
		if inUse > rooms {
			rooms = inUse
		}
	}
	return rooms, nil
}

// --8<-- [end:sweep]

func main() {
	// --8<-- [start:demo]
	day := [][]int{{0, 30}, {5, 10}, {15, 20}, {10, 15}}
	fmt.Println(minRooms(day))
	//> 2 <nil>
	fmt.Println(minRoomsSweep(day))
	//> 2 <nil>
	fmt.Println(minRooms([][]int{{1, 2}, {2, 3}, {3, 4}})) // back to back: one room
	//> 1 <nil>
	fmt.Println(minRooms([][]int{{1, 1}}))
	//> 0 each meeting is [start, end), start < end, not [1 1]: invalid argument
	// --8<-- [end:demo]
}
