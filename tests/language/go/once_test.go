// Tests of examples/language/go/once.go, run with `go test -race` by
// test_go_tests.py: one load however many callers race to it, a remembered
// error, and what a panic inside Do leaves behind.
package main

import (
	"errors"
	"sync"
	"sync/atomic"
	"testing"
)

func TestAHundredConcurrentCallersShareOneLoad(t *testing.T) {
	var loads atomic.Int64
	config := &lazyConfig{load: func() (map[string]string, error) {
		loads.Add(1)
		return map[string]string{"region": "eu-west-1"}, nil
	}}
	var wg sync.WaitGroup
	regions := make([]string, 100)
	for i := range regions {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			settings, err := config.get()
			if err == nil {
				regions[i] = settings["region"]
			}
		}(i)
	}
	wg.Wait()
	if loads.Load() != 1 {
		t.Errorf("%d loads", loads.Load())
	}
	for i, region := range regions {
		if region != "eu-west-1" {
			t.Fatalf("caller %d got %q", i, region)
		}
	}
}

func TestAFailedLoadIsNotRetried(t *testing.T) {
	calls := 0
	down := errors.New("down")
	config := &lazyConfig{load: func() (map[string]string, error) {
		calls++
		return nil, down
	}}
	for i := 0; i < 3; i++ {
		if _, err := config.get(); !errors.Is(err, down) {
			t.Fatalf("call %d: %v", i, err)
		}
	}
	if calls != 1 {
		t.Errorf("load ran %d times", calls)
	}
}

func TestAPanicInsideDoCountsAsDoneAndLeavesNoValueAndNoError(t *testing.T) {
	config := &lazyConfig{load: func() (map[string]string, error) { panic("bad config file") }}
	func() {
		defer func() {
			if recover() == nil {
				t.Fatal("the first call should panic")
			}
		}()
		_, _ = config.get()
	}()
	value, err := config.get() // Do does not run load again
	if value != nil || err != nil {
		t.Errorf("got %v, %v", value, err)
	}
}
