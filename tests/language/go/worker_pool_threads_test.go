// Tests of examples/language/concurrency/worker_pool_threads.go, run with
// `go test -race` by test_go_tests.py: no job is lost or handled twice, bad
// jobs come back as errors, and cancellation stops every worker.
package main

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestLineTotalPricesGoodItems(t *testing.T) {
	for payload, want := range map[string]int{"3 x 250": 750, "0 x 99": 0, "-2 x -3": 6} {
		if got, err := lineTotal(payload); err != nil || got != want {
			t.Errorf("lineTotal(%q) = %d, %v; want %d, nil", payload, got, err, want)
		}
	}
}

func TestLineTotalRefusesBadItems(t *testing.T) {
	for _, payload := range []string{"two x 100", "3 x", "", "3 * 250", "1 x -5", "9223372036854775807 x 2"} {
		if got, err := lineTotal(payload); err == nil {
			t.Errorf("lineTotal(%q) = %d, nil; want an error", payload, got)
		}
	}
}

func price(_ context.Context, payload string) (int, error) { return lineTotal(payload) }

func TestFailingJobsComeBackAsErrorsInJobOrder(t *testing.T) {
	results, err := runPool(context.Background(), lineItems, price, 3)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range results {
		if r.err != nil {
			got = append(got, fmt.Sprintf("%d error %v", r.index, r.err))
		} else {
			got = append(got, fmt.Sprintf("%d %d", r.index, r.value))
		}
	}
	want := []string{
		"0 750", "1 1999", `2 error strconv.Atoi: parsing "two": invalid syntax`, "3 300",
		"4 error negative total in '1 x -5'",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestEveryOneOfManyJobsIsAccountedForExactlyOnce(t *testing.T) {
	payloads := make([]string, 3000)
	for i := range payloads {
		payloads[i] = fmt.Sprintf("%d x 1", i)
		if i%7 == 0 {
			payloads[i] = "broken"
		}
	}
	var mu sync.Mutex
	var calls []string
	counted := func(ctx context.Context, payload string) (int, error) {
		mu.Lock()
		calls = append(calls, payload)
		mu.Unlock()
		return price(ctx, payload)
	}
	results, err := runPool(context.Background(), payloads, counted, 8)
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != len(payloads) {
		t.Fatalf("%d results for %d jobs", len(results), len(payloads))
	}
	for i, r := range results {
		switch {
		case r.index != i:
			t.Fatalf("result %d has index %d", i, r.index)
		case i%7 == 0 && r.err == nil:
			t.Errorf("job %d: want an error, got %d", i, r.value)
		case i%7 != 0 && (r.err != nil || r.value != i):
			t.Errorf("job %d: got %d, %v", i, r.value, r.err)
		}
	}
	sort.Strings(calls)
	sorted := append([]string(nil), payloads...)
	sort.Strings(sorted)
	if strings.Join(calls, ",") != strings.Join(sorted, ",") {
		t.Error("some job was handled twice or not at all")
	}
}

func TestWorkersReallyRunJobsAtTheSameTime(t *testing.T) {
	const workers = 4
	// Each job waits until all four are running: with fewer concurrent
	// workers the wait times out and the job comes back as an error.
	var arrived sync.WaitGroup
	arrived.Add(workers)
	allIn := make(chan struct{})
	go func() { arrived.Wait(); close(allIn) }()
	meet := func(context.Context, string) (int, error) {
		arrived.Done()
		select {
		case <-allIn:
			return 1, nil
		case <-time.After(5 * time.Second):
			return 0, errors.New("the other workers never arrived")
		}
	}
	results, err := runPool(context.Background(), []string{"a", "b", "c", "d"}, meet, workers)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range results {
		if r.err != nil {
			t.Errorf("job %d: %v", r.index, r.err)
		}
	}
}

func TestZeroWorkersIsRefused(t *testing.T) {
	if _, err := runPool(context.Background(), lineItems, price, 0); err == nil ||
		err.Error() != "workers must be at least 1, got 0" {
		t.Errorf("got %v", err)
	}
}

func TestNoPayloadsGiveNoResults(t *testing.T) {
	results, err := runPool(context.Background(), nil, price, 3)
	if err != nil || len(results) != 0 {
		t.Errorf("got %v, %v", results, err)
	}
}

func TestCancelStopsEveryWorkerAndLeavesNoGoroutine(t *testing.T) {
	baseline := settledGoroutines()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	payloads := make([]string, 1000)
	payloads[0] = "stop"
	handle := func(ctx context.Context, payload string) (int, error) {
		if payload == "stop" {
			cancel()
			return 1, nil
		}
		<-ctx.Done() // a slow call that honors ctx
		return 0, ctx.Err()
	}
	results, err := runPool(ctx, payloads, handle, 3)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if len(results) == 0 || len(results) >= len(payloads) {
		t.Fatalf("%d results: the pool should stop early but report what it did", len(results))
	}
	for i, r := range results {
		if i > 0 && r.index <= results[i-1].index {
			t.Fatalf("results out of order or repeated at %d", i)
		}
		if r.index != 0 && !errors.Is(r.err, context.Canceled) {
			t.Errorf("job %d: got %d, %v; want context.Canceled", r.index, r.value, r.err)
		}
	}
	requireNoneLeft(t, baseline)
}
