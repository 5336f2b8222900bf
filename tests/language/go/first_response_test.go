// Tests of examples/language/go/first_response.go, run with `go test -race`
// by test_go_tests.py: the leak check counts the stranded goroutines of the
// leaky version, and the fixed one leaves none, whatever way it returns.
package main

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestTheLeakyVersionStrandsEveryLoser(t *testing.T) {
	baseline := settledGoroutines()
	slow := make(chan struct{})
	if got := firstAnswerLeaky([]string{"a", "b", "c", "d"}, replicaSet(slow)); got != "answer from a" {
		t.Fatalf("got %q", got)
	}
	close(slow)
	if left := goroutinesLeft(baseline, 200*time.Millisecond); left != 3 {
		t.Errorf("%d goroutines left, want the 3 losers", left)
	}
}

func TestTheFixedVersionLeavesNothingWhenOneAnswers(t *testing.T) {
	baseline := settledGoroutines()
	answer, err := firstAnswer(context.Background(), []string{"a", "b", "c", "d"}, replicaSet(make(chan struct{})))
	if answer != "answer from a" || err != nil {
		t.Fatalf("got %q, %v", answer, err)
	}
	requireNoneLeft(t, baseline)
}

func TestTheFixedVersionLeavesNothingWhenTheLosersAnswerLate(t *testing.T) {
	baseline := settledGoroutines()
	slow := make(chan struct{})
	ignoresCancel := func(_ context.Context, replica string) (string, error) {
		if replica != "a" {
			<-slow // a call that does not watch ctx: the buffer still lets it finish
		}
		return "answer from " + replica, nil
	}
	if answer, err := firstAnswer(context.Background(), []string{"a", "b", "c"}, ignoresCancel); err != nil ||
		answer != "answer from a" {
		t.Fatalf("got %q, %v", answer, err)
	}
	close(slow)
	requireNoneLeft(t, baseline)
}

func TestWhenEveryReplicaFailsTheCallerGetsAnError(t *testing.T) {
	down := errors.New("replica down")
	failing := func(context.Context, string) (string, error) { return "", down }
	if answer, err := firstAnswer(context.Background(), []string{"a", "b"}, failing); answer != "" ||
		!errors.Is(err, down) {
		t.Errorf("got %q, %v", answer, err)
	}
}

func TestAFailureDoesNotHideALaterAnswer(t *testing.T) {
	slow := make(chan struct{})
	ask := func(_ context.Context, replica string) (string, error) {
		if replica == "a" {
			close(slow) // fail first, then let b answer
			return "", errors.New("a is down")
		}
		<-slow
		return "answer from b", nil
	}
	if answer, err := firstAnswer(context.Background(), []string{"a", "b"}, ask); answer != "answer from b" || err != nil {
		t.Errorf("got %q, %v", answer, err)
	}
}

func TestACanceledCallerGetsTheCancelAndLeavesNothing(t *testing.T) {
	baseline := settledGoroutines()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := firstAnswer(ctx, []string{"b", "c"}, replicaSet(make(chan struct{})))
	if !errors.Is(err, context.Canceled) {
		t.Errorf("got %v", err)
	}
	requireNoneLeft(t, baseline)
}

func TestNoReplicasIsAnErrorNotAnEmptyAnswer(t *testing.T) {
	if answer, err := firstAnswer(context.Background(), nil, replicaSet(nil)); answer != "" || err == nil ||
		err.Error() != "no replicas to ask" {
		t.Errorf("got %q, %v", answer, err)
	}
}
