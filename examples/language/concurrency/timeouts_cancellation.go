// Timeouts and cancellation with context, and cleanup that runs either way.
//
// The Go twin of timeouts_cancellation.py. asyncio cancels a task by raising
// CancelledError at its current await; nothing can stop a goroutine from
// outside. It sees ctx.Done() close, and returns by itself.
package main

import (
	"context"
	"errors"
	"fmt"
	"time"
)

const shortTimeout = 10 * time.Millisecond // the awaited channel never closes, so any value times out

// --8<-- [start:timeout]
// waitWithTimeout waits for ready at most d, with a context deadline: the form
// you pass down to every call made on a request's behalf.
func waitWithTimeout(ready <-chan struct{}, d time.Duration) string {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel() // frees the context's timer if ready wins
	select {
	case <-ready:
		return "event arrived"
	case <-ctx.Done():
		return "timed out"
	}
}

// waitWithTimer bounds one wait with a timer, as asyncio.wait_for bounds one await.
func waitWithTimer(ready <-chan struct{}, d time.Duration) string {
	timer := time.NewTimer(d)
	defer timer.Stop() // before Go 1.23, a timer nobody stops lives until it fires
	select {
	case <-ready:
		return "event arrived"
	case <-timer.C:
		return "timed out"
	}
}

// --8<-- [end:timeout]

// --8<-- [start:cleanup]
type steps []string

func (s *steps) add(step string) { *s = append(*s, step) }

// connection is a pretend pooled connection that must always go back to its pool.
type connection struct{ log *steps }

func acquire(log *steps) *connection {
	log.add("connection acquired")
	return &connection{log}
}

func (c *connection) release() { c.log.add("connection released") }

// query holds a connection while it waits for a reply, and gives it back
// however it leaves: defer runs on every return path.
func query(ctx context.Context, log *steps, started chan<- struct{}, reply <-chan string) (string, error) {
	conn := acquire(log)
	defer conn.release()
	close(started)
	select {
	case rows := <-reply:
		return rows, nil
	case <-ctx.Done():
		log.add("query cancelled")
		return "", ctx.Err() // context.Canceled or context.DeadlineExceeded
	}
}

// --8<-- [end:cleanup]

// --8<-- [start:cancel]
// cancelRunningQuery starts a query, cancels it mid-flight, and reports what ran.
func cancelRunningQuery() steps {
	var log steps
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	started, finished := make(chan struct{}), make(chan error)
	go func() {
		_, err := query(ctx, &log, started, make(chan string)) // nobody ever replies
		finished <- err
	}()
	<-started // synchronize on a channel, not a sleep: no race
	cancel()
	err := <-finished // the query's writes to log happen before this receive
	log.add(fmt.Sprintf("errors.Is(err, context.Canceled) is %v", errors.Is(err, context.Canceled)))
	return log
}

// timeOutQuery cuts off a slow dependency: the same cleanup runs at the deadline.
func timeOutQuery(d time.Duration) steps {
	var log steps
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	_, err := query(ctx, &log, make(chan struct{}), make(chan string))
	if errors.Is(err, context.DeadlineExceeded) {
		log.add("caller saw " + err.Error())
	}
	return log
}

// --8<-- [end:cancel]

func main() {
	// --8<-- [start:demo]
	never := make(chan struct{})
	fmt.Println(waitWithTimeout(never, shortTimeout))
	//> timed out
	fmt.Println(waitWithTimer(never, shortTimeout))
	//> timed out
	already := make(chan struct{})
	close(already)
	fmt.Println(waitWithTimeout(already, shortTimeout))
	//> event arrived
	for _, step := range cancelRunningQuery() {
		fmt.Println(step)
		//> connection acquired
		//> query cancelled
		//> connection released
		//> errors.Is(err, context.Canceled) is true
	}
	for _, step := range timeOutQuery(shortTimeout) {
		fmt.Println(step)
		//> connection acquired
		//> query cancelled
		//> connection released
		//> caller saw context deadline exceeded
	}
	// --8<-- [end:demo]
}
