// The linked-list template: a dummy head and a previous/current walk.
//
// removeWhere is a real, general helper (drop every node a predicate picks),
// and removeValue is the classic problem built on it.
package main

import "fmt"

type ListNode struct {
	Val  int
	Next *ListNode
}

// --8<-- [start:template]
// removeWhere unlinks every node whose value shouldRemove picks and returns
// the new head. O(n) time, O(1) extra space. The nodes that stay are reused,
// not copied.
func removeWhere(head *ListNode, shouldRemove func(int) bool) *ListNode {
	// A sentinel: even the first real node has a previous node.
	dummy := &ListNode{Next: head}
	previous, current := dummy, head
	// Invariant: previous.Next is current, and dummy..previous is the finished result.
	for current != nil {
		if shouldRemove(current.Val) {
			previous.Next = current.Next // unlink current; previous stays put
		} else {
			previous = current // keep current; the finished part grows by one
		}
		current = current.Next
	}
	return dummy.Next // never the old head: the first node may have been removed
}

// --8<-- [end:template]

// removeValue removes every node holding value (Remove Linked List Elements).
func removeValue(head *ListNode, value int) *ListNode {
	return removeWhere(head, func(item int) bool { return item == value })
}

// listOf builds a list holding values, in order.
func listOf(values ...int) *ListNode {
	var head *ListNode
	for i := len(values) - 1; i >= 0; i-- {
		head = &ListNode{Val: values[i], Next: head}
	}
	return head
}

// valuesOf is the list's values, in order.
func valuesOf(head *ListNode) []int {
	var values []int
	for node := head; node != nil; node = node.Next {
		values = append(values, node.Val)
	}
	return values
}

func main() {
	// --8<-- [start:demo]
	head := listOf(7, 7, 1, 7, 2, 7)
	fmt.Println(valuesOf(removeValue(head, 7)))
	//> [1 2]
	negative := func(v int) bool { return v < 0 }
	fmt.Println(valuesOf(removeWhere(listOf(3, -1, 4, -5), negative)))
	//> [3 4]
	// --8<-- [end:demo]
}
