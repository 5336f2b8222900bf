// One shared counter three ways: racy, under a sync.Mutex, and atomic.
//
// `go run counter.go` runs the two correct counters, so it prints the same
// lines every time (that is all the example harness runs). The racy one runs
// only when asked: `go run -race counter.go racy` shows the race detector's
// report, and tests/language/go/test_race_detector.py checks both.
package main

import (
	"fmt"
	"os"
	"sync"
	"sync/atomic"
)

const goroutines, perGoroutine = 8, 1000

// --8<-- [start:hammer]
// hammer calls inc perGoroutine times from each of `goroutines` goroutines and
// waits for all of them.
func hammer(inc func()) {
	var wg sync.WaitGroup
	for g := 0; g < goroutines; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < perGoroutine; i++ {
				inc()
			}
		}()
	}
	wg.Wait() // each Done happens before Wait returns: the final reads below are safe
}

// --8<-- [end:hammer]

// --8<-- [start:racy]
func countRacy() int {
	n := 0
	hammer(func() { n++ }) // a read and a write, unordered against the other goroutines'
	return n
}

// --8<-- [end:racy]

// --8<-- [start:fixed]
func countWithMutex() int {
	var mu sync.Mutex
	n := 0
	hammer(func() {
		mu.Lock()
		defer mu.Unlock()
		n++
	})
	return n
}

func countAtomic() int64 {
	var n atomic.Int64 // the type is new in Go 1.19; before it, atomic.AddInt64(&n, 1)
	hammer(func() { n.Add(1) })
	return n.Load()
}

// --8<-- [end:fixed]

func main() {
	// --8<-- [start:demo]
	want := goroutines * perGoroutine
	if len(os.Args) > 1 && os.Args[1] == "racy" {
		fmt.Println("racy:", countRacy(), "of", want) // any number up to 8000: run it with -race
		return
	}
	fmt.Println("mutex:", countWithMutex(), "of", want)
	//> mutex: 8000 of 8000
	fmt.Println("atomic:", countAtomic(), "of", want)
	//> atomic: 8000 of 8000
	// --8<-- [end:demo]
}
