// Tests of examples/language/go/channel_basics.go, run with `go test -race` by
// test_go_tests.py: what a send does on unbuffered, full, nil and closed channels.
package main

import (
	"testing"
	"time"
)

func TestAnUnbufferedSendSucceedsOnceAReceiverIsWaiting(t *testing.T) {
	ch := make(chan string)
	got := make(chan string)
	go func() { got <- <-ch }()
	deadline := time.Now().Add(5 * time.Second)
	for !trySend(ch, "x") { // false until the goroutine is parked in its receive
		if time.Now().After(deadline) {
			t.Fatal("the send never found the receiver")
		}
		time.Sleep(time.Millisecond)
	}
	if v := <-got; v != "x" {
		t.Errorf("got %q", v)
	}
}

func TestASendOnANilChannelCanNeverProceed(t *testing.T) {
	var ch chan string
	if trySend(ch, "x") {
		t.Error("a nil channel accepted a value")
	}
}

func mustPanic(t *testing.T, want string, f func()) {
	t.Helper()
	defer func() {
		r := recover()
		err, ok := r.(error)
		if !ok || err.Error() != want {
			t.Errorf("recovered %v, want a panic %q", r, want)
		}
	}()
	f()
}

func TestSendingOnOrClosingAClosedChannelPanics(t *testing.T) {
	ch := make(chan string, 1)
	close(ch)
	mustPanic(t, "send on closed channel", func() { trySend(ch, "x") })
	mustPanic(t, "close of closed channel", func() { close(ch) })
}
