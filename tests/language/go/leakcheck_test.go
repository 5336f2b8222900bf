// Goroutine-leak checks shared by the Go tests here; test_go_tests.py compiles
// this file into every test package beside the example and its test.
package main

import (
	"runtime"
	"testing"
	"time"
)

// settledGoroutines is the goroutine count once it has stopped changing, so a
// goroutine from an earlier test that is still exiting does not skew a baseline.
func settledGoroutines() int {
	count, same := runtime.NumGoroutine(), 0
	for same < 20 {
		time.Sleep(time.Millisecond)
		if now := runtime.NumGoroutine(); now == count {
			same++
		} else {
			count, same = now, 0
		}
	}
	return count
}

// requireNoneLeft fails the test unless the count falls back to baseline
// within five seconds (a passing run takes milliseconds; only a leak waits).
func requireNoneLeft(t *testing.T, baseline int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > baseline && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if left := runtime.NumGoroutine() - baseline; left > 0 {
		t.Errorf("%d goroutines still running, want none", left)
	}
}
