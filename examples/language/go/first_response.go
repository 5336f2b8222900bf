// Ask every replica, take the first answer, and leave no goroutine behind.
//
// The leaky version is the classic bug: the losers send on a channel nobody
// reads any more and block forever. runtime.NumGoroutine counts them.
package main

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"time"
)

// askFunc calls one replica; it should return ctx.Err() once ctx ends.
type askFunc func(ctx context.Context, replica string) (string, error)

// --8<-- [start:leaky]
// firstAnswerLeaky returns the first reply and strands every other sender:
// the channel is unbuffered and, after the first receive, nobody receives.
func firstAnswerLeaky(replicas []string, ask askFunc) string {
	answers := make(chan string)
	for _, r := range replicas {
		go func(r string) { // Go 1.19: pass the loop variable, do not capture it
			answer, _ := ask(context.Background(), r) // no way to tell it to stop
			answers <- answer
		}(r)
	}
	return <-answers
}

// --8<-- [end:leaky]

// --8<-- [start:fixed]
// firstAnswer returns the first successful reply, or the last error if every
// replica fails. Canceling ctx on return stops the losers' work, and the
// buffer gives each of them room to send, so none of them can block.
func firstAnswer(ctx context.Context, replicas []string, ask askFunc) (string, error) {
	if len(replicas) == 0 {
		return "", errors.New("no replicas to ask")
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type reply struct {
		answer string
		err    error
	}
	replies := make(chan reply, len(replicas))
	for _, r := range replicas {
		go func(r string) {
			answer, err := ask(ctx, r)
			replies <- reply{answer, err}
		}(r)
	}
	var err error
	for range replicas {
		rep := <-replies
		if rep.err == nil {
			return rep.answer, nil
		}
		err = rep.err
	}
	return "", err
}

// --8<-- [end:fixed]

// --8<-- [start:leak_check]
// goroutinesLeft waits up to grace for the count to fall back to baseline,
// then reports how many goroutines are still above it.
func goroutinesLeft(baseline int, grace time.Duration) int {
	deadline := time.Now().Add(grace)
	for runtime.NumGoroutine() > baseline && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	return runtime.NumGoroutine() - baseline
}

// --8<-- [end:leak_check]

// --8<-- [start:replicas]
// replicaSet answers at once from "a" and, from the others, only after
// slow is closed or their ctx ends, whichever comes first.
func replicaSet(slow <-chan struct{}) askFunc {
	return func(ctx context.Context, replica string) (string, error) {
		if replica != "a" {
			select {
			case <-slow:
			case <-ctx.Done():
				return "", ctx.Err()
			}
		}
		return "answer from " + replica, nil
	}
}

// --8<-- [end:replicas]

func main() {
	// --8<-- [start:demo]
	replicas := []string{"a", "b", "c"}
	const grace = 200 * time.Millisecond

	baseline := runtime.NumGoroutine()
	slow := make(chan struct{})
	fmt.Println("leaky:", firstAnswerLeaky(replicas, replicaSet(slow)))
	//> leaky: answer from a
	close(slow) // b and c answer now, into a channel nobody reads
	fmt.Println("leaky version left behind:", goroutinesLeft(baseline, grace))
	//> leaky version left behind: 2

	baseline = runtime.NumGoroutine()
	answer, err := firstAnswer(context.Background(), replicas, replicaSet(make(chan struct{})))
	fmt.Printf("fixed: %s (err: %v)\n", answer, err)
	//> fixed: answer from a (err: <nil>)
	fmt.Println("fixed version left behind:", goroutinesLeft(baseline, grace))
	//> fixed version left behind: 0
	// --8<-- [end:demo]
}
