// errgroup-style fan-out with the standard library: run calls at once, and the
// first error cancels the calls still running.
//
// golang.org/x/sync/errgroup is the package to use in a service; these
// examples build with the standard library only, so group is a small
// stand-in with the same shape (withContext, Go, Wait).
package main

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

// --8<-- [start:group]
// group runs functions on goroutines; the first error is kept and cancels
// the group's context, so every function that watches ctx stops.
type group struct {
	cancel  context.CancelFunc
	wg      sync.WaitGroup
	errOnce sync.Once
	err     error
}

// withContext returns a group and a context derived from ctx that ends at the
// group's first error or when Wait returns, whichever comes first.
func withContext(ctx context.Context) (*group, context.Context) {
	ctx, cancel := context.WithCancel(ctx)
	return &group{cancel: cancel}, ctx
}

// Go runs f on a new goroutine.
func (g *group) Go(f func() error) {
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		if err := f(); err != nil {
			g.errOnce.Do(func() { // only the first error is kept
				g.err = err
				g.cancel()
			})
		}
	}()
}

// Wait blocks until every function has returned, then returns the first error.
func (g *group) Wait() error {
	g.wg.Wait() // each Done happens before Wait returns, so g.err is safe to read
	g.cancel()
	return g.err
}

// --8<-- [end:group]

// --8<-- [start:fan_out]
type dependency struct {
	name string
	call func(ctx context.Context) (string, error)
}

// loadPage calls every dependency at once and needs all of them: one failure
// cancels the others, and the caller gets that first failure.
func loadPage(ctx context.Context, deps []dependency) ([]string, error) {
	g, ctx := withContext(ctx)
	parts := make([]string, len(deps)) // each goroutine writes only its own index
	for i, dep := range deps {
		i, dep := i, dep // Go 1.19: one copy per iteration for the closure
		g.Go(func() error {
			part, err := dep.call(ctx)
			if err != nil {
				return fmt.Errorf("%s: %w", dep.name, err)
			}
			parts[i] = part
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return parts, nil
}

// --8<-- [end:fan_out]

// --8<-- [start:fakes]
func answers(part string) func(context.Context) (string, error) {
	return func(context.Context) (string, error) { return part, nil }
}

func fails(err error) func(context.Context) (string, error) {
	return func(context.Context) (string, error) { return "", err }
}

// hangs stands in for a slow call that honors ctx (http.NewRequestWithContext,
// db.QueryContext): it returns only when ctx ends, and records why.
func hangs(why *error) func(context.Context) (string, error) {
	return func(ctx context.Context) (string, error) {
		<-ctx.Done()
		*why = ctx.Err()
		return "", ctx.Err()
	}
}

// --8<-- [end:fakes]

func main() {
	// --8<-- [start:demo]
	parts, err := loadPage(context.Background(), []dependency{
		{"profile", answers("Ada")}, {"prices", answers("3 prices")}, {"reviews", answers("12 reviews")},
	})
	fmt.Printf("parts %q, err %v\n", parts, err)
	//> parts ["Ada" "3 prices" "12 reviews"], err <nil>

	var profileStop, reviewsStop error
	_, err = loadPage(context.Background(), []dependency{
		{"profile", hangs(&profileStop)},
		{"prices", fails(errors.New("connection refused"))},
		{"reviews", hangs(&reviewsStop)},
	})
	fmt.Println("error:", err)
	//> error: prices: connection refused
	fmt.Println("profile stopped:", profileStop, "| reviews stopped:", reviewsStop)
	//> profile stopped: context canceled | reviews stopped: context canceled

	deadline, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	_, err = loadPage(deadline, []dependency{{"profile", hangs(&profileStop)}, {"reviews", hangs(&reviewsStop)}})
	fmt.Println("errors.Is(err, context.DeadlineExceeded):", errors.Is(err, context.DeadlineExceeded))
	//> errors.Is(err, context.DeadlineExceeded): true
	fmt.Println("profile stopped:", profileStop, "| reviews stopped:", reviewsStop)
	//> profile stopped: context deadline exceeded | reviews stopped: context deadline exceeded
	// --8<-- [end:demo]
}
