// A fixed pool of worker goroutines fed by a jobs channel, with a results channel.
//
// The Go twin of worker_pool_threads.py. Closing the jobs channel does the job
// of one sentinel per worker, a WaitGroup tells when the last worker is done,
// and every job comes back as a value or an error, never as nothing.
package main

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
)

var lineItems = []string{"3 x 250", "1 x 1999", "two x 100", "4 x 75", "1 x -5"}

// --8<-- [start:types]
type job struct {
	index   int // where the job came from, to put results back in order
	payload string
}

// jobResult is what happened to one job: value when err is nil, else err.
type jobResult struct {
	index int
	value int
	err   error
}

// handler does one job; it should return early with ctx.Err() once ctx ends.
type handler func(ctx context.Context, payload string) (int, error)

// lineTotal prices a line item such as "3 x 250" (quantity x unit price in cents).
func lineTotal(payload string) (int, error) {
	quantity, unitPrice, _ := strings.Cut(payload, " x ")
	q, err := strconv.Atoi(quantity)
	if err != nil {
		return 0, err
	}
	p, err := strconv.Atoi(unitPrice)
	if err != nil {
		return 0, err
	}
	total := q * p
	if q != 0 && total/q != p {
		return 0, fmt.Errorf("total overflows in '%s'", payload)
	}
	if total < 0 {
		return 0, fmt.Errorf("negative total in '%s'", payload)
	}
	return total, nil
}

// --8<-- [end:types]

// --8<-- [start:worker]
// worker takes jobs until the channel is closed and empty; a failing job
// becomes an error result, and the worker goes on to the next one.
func worker(ctx context.Context, jobs <-chan job, results chan<- jobResult, handle handler) {
	for j := range jobs {
		value, err := handle(ctx, j.payload)
		results <- jobResult{j.index, value, err}
	}
}

// --8<-- [end:worker]

// --8<-- [start:run_pool]
// runPool runs every payload through handle on `workers` goroutines and returns
// the results in job order. If ctx ends first, it returns the results it got
// and ctx.Err(); no goroutine it started is left running.
func runPool(ctx context.Context, payloads []string, handle handler, workers int) ([]jobResult, error) {
	if workers < 1 {
		return nil, fmt.Errorf("workers must be at least 1, got %d", workers)
	}
	jobs := make(chan job) // unbuffered: the producer waits for a free worker (backpressure)
	results := make(chan jobResult)

	go func() {
		defer close(jobs) // every worker's range loop ends once the jobs are drained
		for i, p := range payloads {
			if ctx.Err() != nil {
				return // checked first: select picks at random when a worker is ready too
			}
			select {
			case jobs <- job{i, p}:
			case <-ctx.Done():
				return // canceled: hand out no more jobs
			}
		}
	}()

	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			worker(ctx, jobs, results, handle)
		}()
	}
	go func() {
		wg.Wait()      // the last worker has sent its last result...
		close(results) // ...so the range below can end
	}()

	var collected []jobResult
	for r := range results { // drained to the end, so no worker blocks on a send
		collected = append(collected, r)
	}
	sort.Slice(collected, func(a, b int) bool { return collected[a].index < collected[b].index })
	return collected, ctx.Err()
}

// --8<-- [end:run_pool]

func main() {
	// --8<-- [start:demo]
	price := func(_ context.Context, payload string) (int, error) { return lineTotal(payload) }
	// A background context never ends, so runPool's error is nil here.
	results, _ := runPool(context.Background(), lineItems, price, 3)
	for _, r := range results {
		outcome := strconv.Itoa(r.value)
		if r.err != nil {
			outcome = r.err.Error()
		}
		fmt.Printf("job %d '%s': %s\n", r.index, lineItems[r.index], outcome)
		//> job 0 '3 x 250': 750
		//> job 1 '1 x 1999': 1999
		//> job 2 'two x 100': strconv.Atoi: parsing "two": invalid syntax
		//> job 3 '4 x 75': 300
		//> job 4 '1 x -5': negative total in '1 x -5'
	}
	// --8<-- [end:demo]
}
