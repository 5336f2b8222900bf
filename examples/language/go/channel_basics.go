// Channels: an unbuffered one hands a value over, a buffered one queues up to
// its capacity, and a closed one drains what it holds and then says so.
package main

import "fmt"

// --8<-- [start:try_send]
// trySend never blocks: select takes default when no case can proceed.
func trySend(ch chan<- string, v string) bool {
	select {
	case ch <- v:
		return true
	default:
		return false // full, or nobody receiving: shed the load instead of waiting
	}
}

// --8<-- [end:try_send]

func main() {
	// --8<-- [start:demo]
	unbuffered := make(chan string)
	fmt.Println("unbuffered, nobody receiving, send ok:", trySend(unbuffered, "a"))
	//> unbuffered, nobody receiving, send ok: false

	buffered := make(chan string, 2)
	for _, v := range []string{"a", "b", "c"} {
		ok := trySend(buffered, v)
		fmt.Printf("buffered send %s ok: %v, len %d of cap %d\n", v, ok, len(buffered), cap(buffered))
		//> buffered send a ok: true, len 1 of cap 2
		//> buffered send b ok: true, len 2 of cap 2
		//> buffered send c ok: false, len 2 of cap 2
	}
	close(buffered) // the sender closes: "no more values", not "free this"
	for v := range buffered {
		fmt.Println("received", v) // the queued values still arrive, then range ends
		//> received a
		//> received b
	}
	v, ok := <-buffered
	fmt.Printf("after close: %q, ok=%v\n", v, ok)
	//> after close: "", ok=false

	received := make(chan string)
	go func() { received <- "got " + <-unbuffered }()
	unbuffered <- "handoff" // blocks until the goroutine has taken it
	fmt.Println(<-received)
	//> got handoff
	// --8<-- [end:demo]
}
