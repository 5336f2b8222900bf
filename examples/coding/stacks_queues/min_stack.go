// A stack that also reports its minimum in O(1).
package main

import "fmt"

// --8<-- [start:optimal]
type entry struct{ value, min int }

// MinStack: each entry remembers the minimum of itself and everything below
// it. Push, Pop, Top and GetMin are O(1); on an empty stack the last three
// return ok == false, as a map lookup does.
type MinStack struct{ entries []entry }

func newMinStack() *MinStack { return &MinStack{} }

func (s *MinStack) Push(value int) {
	low := value
	if n := len(s.entries); n > 0 && s.entries[n-1].min < value {
		low = s.entries[n-1].min
	}
	s.entries = append(s.entries, entry{value, low})
}

func (s *MinStack) Pop() (int, bool) {
	top, ok := s.peek()
	if ok {
		s.entries = s.entries[:len(s.entries)-1]
	}
	return top.value, ok
}

func (s *MinStack) Top() (int, bool) {
	top, ok := s.peek()
	return top.value, ok
}

func (s *MinStack) GetMin() (int, bool) {
	top, ok := s.peek()
	return top.min, ok
}

func (s *MinStack) peek() (entry, bool) {
	if len(s.entries) == 0 {
		return entry{}, false
	}
	return s.entries[len(s.entries)-1], true
}

// --8<-- [end:optimal]

func main() {
	// --8<-- [start:demo]
	stack := newMinStack()
	for _, value := range []int{5, 2, 7} {
		stack.Push(value)
	}
	low, _ := stack.GetMin()
	popped, _ := stack.Pop()
	fmt.Println(low, popped)
	//> 2 7
	_, ok := newMinStack().Pop()
	fmt.Println("pop from an empty stack ok:", ok)
	//> pop from an empty stack ok: false
	// --8<-- [end:demo]
}
