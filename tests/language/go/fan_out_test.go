// Tests of examples/language/go/fan_out.go, run with `go test -race` by
// test_go_tests.py: the group waits for everything, keeps the first error,
// cancels the rest, and leaves no goroutine behind.
package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestEveryPartArrivesInDependencyOrder(t *testing.T) {
	parts, err := loadPage(context.Background(), []dependency{
		{"a", answers("1")}, {"b", answers("2")}, {"c", answers("3")},
	})
	if err != nil || strings.Join(parts, ",") != "1,2,3" {
		t.Errorf("got %q, %v", parts, err)
	}
}

func TestTheFirstErrorIsReportedAndTheOthersAreCanceled(t *testing.T) {
	var first, second error
	_, err := loadPage(context.Background(), []dependency{
		{"a", hangs(&first)}, {"b", fails(errors.New("boom"))}, {"c", hangs(&second)},
	})
	if err == nil || err.Error() != "b: boom" {
		t.Errorf("err = %v", err)
	}
	if !errors.Is(first, context.Canceled) || !errors.Is(second, context.Canceled) {
		t.Errorf("siblings saw %v and %v, want context.Canceled", first, second)
	}
}

func TestOnlyTheFirstErrorIsKept(t *testing.T) {
	g, ctx := withContext(context.Background())
	g.Go(func() error { return errors.New("first") })
	g.Go(func() error {
		<-ctx.Done() // fails only after the first error canceled the group
		return errors.New("second")
	})
	if err := g.Wait(); err == nil || err.Error() != "first" {
		t.Errorf("got %v", err)
	}
}

func TestTheGroupContextEndsWhenWaitReturns(t *testing.T) {
	g, ctx := withContext(context.Background())
	g.Go(func() error { return nil })
	if err := g.Wait(); err != nil {
		t.Fatal(err)
	}
	if !errors.Is(ctx.Err(), context.Canceled) {
		t.Errorf("ctx.Err() = %v after Wait: do not use the group's context after it", ctx.Err())
	}
}

func TestAnEmptyGroupReturnsAtOnce(t *testing.T) {
	g, _ := withContext(context.Background())
	if err := g.Wait(); err != nil {
		t.Errorf("got %v", err)
	}
}

func TestOneFailureAmongAThousandStopsThemAllAndLeavesNothing(t *testing.T) {
	baseline := settledGoroutines()
	var stopped atomic.Int64
	deps := make([]dependency, 1000)
	for i := range deps {
		deps[i] = dependency{fmt.Sprint("dep-", i), func(ctx context.Context) (string, error) {
			<-ctx.Done()
			stopped.Add(1)
			return "", ctx.Err()
		}}
	}
	deps[500] = dependency{"dep-500", fails(errors.New("down"))}
	if _, err := loadPage(context.Background(), deps); err == nil || err.Error() != "dep-500: down" {
		t.Errorf("err = %v", err)
	}
	if got := stopped.Load(); got != 999 {
		t.Errorf("%d of 999 siblings saw the cancel", got)
	}
	requireNoneLeft(t, baseline)
}

func TestTheCallersDeadlineReachesEveryCall(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	var a, b error
	_, err := loadPage(ctx, []dependency{{"a", hangs(&a)}, {"b", hangs(&b)}})
	if !errors.Is(err, context.DeadlineExceeded) || !errors.Is(a, context.DeadlineExceeded) ||
		!errors.Is(b, context.DeadlineExceeded) {
		t.Errorf("got %v; calls saw %v and %v", err, a, b)
	}
}
