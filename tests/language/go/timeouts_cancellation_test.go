// Tests of examples/language/concurrency/timeouts_cancellation.go, run with
// `go test -race` by test_go_tests.py: deadlines and cancels end the wait, and
// the connection goes back however the query leaves.
package main

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

const longTimeout = 5 * time.Second // never reached in a passing run

func TestBothWaitsTimeOutWhenNothingArrives(t *testing.T) {
	never := make(chan struct{})
	for name, wait := range map[string]func(<-chan struct{}, time.Duration) string{
		"context": waitWithTimeout, "timer": waitWithTimer,
	} {
		if got := wait(never, shortTimeout); got != "timed out" {
			t.Errorf("%s: got %q", name, got)
		}
	}
}

func TestBothWaitsSeeAnEventThatArrivesInTime(t *testing.T) {
	for name, wait := range map[string]func(<-chan struct{}, time.Duration) string{
		"context": waitWithTimeout, "timer": waitWithTimer,
	} {
		ready := make(chan struct{})
		go close(ready) // arrives while the wait is under way
		if got := wait(ready, longTimeout); got != "event arrived" {
			t.Errorf("%s: got %q", name, got)
		}
	}
}

func TestCancelingARunningQueryReleasesItsConnection(t *testing.T) {
	want := "connection acquired|query cancelled|connection released|errors.Is(err, context.Canceled) is true"
	if got := strings.Join(cancelRunningQuery(), "|"); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestADeadlineCutsOffASlowQueryAndReleasesItsConnection(t *testing.T) {
	want := "connection acquired|query cancelled|connection released|caller saw context deadline exceeded"
	if got := strings.Join(timeOutQuery(shortTimeout), "|"); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestAQueryThatGetsItsReplyReturnsItAndStillReleases(t *testing.T) {
	var log steps
	reply := make(chan string, 1)
	reply <- "rows"
	ctx, cancel := context.WithTimeout(context.Background(), longTimeout)
	defer cancel()
	rows, err := query(ctx, &log, make(chan struct{}), reply)
	if rows != "rows" || err != nil {
		t.Errorf("got %q, %v", rows, err)
	}
	if got := strings.Join(log, "|"); got != "connection acquired|connection released" {
		t.Errorf("log: %s", got)
	}
}

func TestCancelingTheParentEndsAChildWithALaterDeadline(t *testing.T) {
	parent, cancelParent := context.WithCancel(context.Background())
	child, cancelChild := context.WithTimeout(parent, time.Hour)
	defer cancelChild()
	var log steps
	finished := make(chan error, 1)
	started := make(chan struct{})
	go func() {
		_, err := query(child, &log, started, make(chan string))
		finished <- err
	}()
	<-started
	cancelParent()
	if err := <-finished; !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want context.Canceled from the parent", err)
	}
}

func TestAChildCannotOutliveItsParentsDeadline(t *testing.T) {
	parent, cancelParent := context.WithTimeout(context.Background(), time.Minute)
	defer cancelParent()
	child, cancelChild := context.WithTimeout(parent, time.Hour)
	defer cancelChild()
	parentDeadline, _ := parent.Deadline()
	if childDeadline, _ := child.Deadline(); !childDeadline.Equal(parentDeadline) {
		t.Errorf("child deadline %v, parent %v", childDeadline, parentDeadline)
	}
}
