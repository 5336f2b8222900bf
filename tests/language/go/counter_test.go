// Tests of examples/language/go/counter.go, run with `go test -race` by
// test_go_tests.py: the two fixed counters count every increment, and the race
// detector finds nothing in them. (The racy one is test_race_detector.py's.)
package main

import "testing"

func TestTheMutexAndAtomicCountersCountEveryIncrement(t *testing.T) {
	for round := 0; round < 20; round++ {
		if got := countWithMutex(); got != goroutines*perGoroutine {
			t.Fatalf("mutex: %d", got)
		}
		if got := countAtomic(); got != goroutines*perGoroutine {
			t.Fatalf("atomic: %d", got)
		}
	}
}
