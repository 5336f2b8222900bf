// Blocking calls on goroutines: fan out, collect, keep input order, time out.
//
// Go has no thread pool to size: a goroutine costs a few KiB, and the
// runtime parks it (not its OS thread) while it waits on the network.
package main

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"
	"time"
)

var pricesCents = map[string]int{"apple": 120, "bread": 350, "cheese": 899}

// --8<-- [start:blocking_call]
var errNoPrice = errors.New("no price")

// fetchPrice stands in for a blocking HTTP call to a pricing service.
func fetchPrice(sku string) (int, error) {
	price, ok := pricesCents[sku]
	if !ok {
		return 0, fmt.Errorf("%w for '%s'", errNoPrice, sku)
	}
	return price, nil
}

// --8<-- [end:blocking_call]

// --8<-- [start:submit]
type priced struct {
	sku     string
	outcome string
}

// priceAll prices every SKU on at most `workers` goroutines at a time;
// a failure becomes an error entry, not a crash.
func priceAll(skus []string, workers int) []priced {
	results := make(chan priced, len(skus)) // buffered: no sender ever blocks
	slots := make(chan struct{}, workers)   // a semaphore bounds the fan-out
	var wg sync.WaitGroup
	for _, sku := range skus {
		wg.Add(1)
		go func(sku string) { // Go 1.19: pass the loop variable, do not capture it
			defer wg.Done()
			slots <- struct{}{}
			defer func() { <-slots }()
			if price, err := fetchPrice(sku); err != nil {
				results <- priced{sku, "error: " + err.Error()}
			} else {
				results <- priced{sku, fmt.Sprint(price)}
			}
		}(sku)
	}
	wg.Wait()
	close(results)
	var all []priced
	for r := range results { // completion order, so sort for a stable answer
		all = append(all, r)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].sku < all[j].sku })
	return all
}

// --8<-- [end:submit]

// --8<-- [start:map]
// priceInOrder writes each result at its input index and returns the first error.
func priceInOrder(skus []string) ([]int, error) {
	prices := make([]int, len(skus))
	errs := make([]error, len(skus))
	var wg sync.WaitGroup
	for i, sku := range skus {
		wg.Add(1)
		go func(i int, sku string) {
			defer wg.Done()
			prices[i], errs[i] = fetchPrice(sku) // each goroutine owns its own index
		}(i, sku)
	}
	wg.Wait()
	for _, err := range errs { // the first failure in input order
		if err != nil {
			return nil, err
		}
	}
	return prices, nil
}

// --8<-- [end:map]

// --8<-- [start:timeout]
// waitBrieflyForStuckCall shows that a deadline stops the waiting, not the
// work: a goroutine cannot be killed, so pass ctx to every call that takes one
// (http.NewRequestWithContext, QueryContext) and the work stops too.
func waitBrieflyForStuckCall(timeout time.Duration) []string {
	var log []string
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	unblock := make(chan struct{})
	answer := make(chan string, 1) // buffered: the late send never blocks
	go func() {
		<-unblock // a call that ignores ctx
		answer <- "late answer"
	}()
	select {
	case a := <-answer:
		log = append(log, "answered: "+a)
	case <-ctx.Done():
		log = append(log, "caller stopped waiting: "+ctx.Err().Error())
	}
	close(unblock)
	log = append(log, "the goroutine still finished: "+<-answer)
	return log
}

// --8<-- [end:timeout]

func main() {
	// --8<-- [start:demo]
	for _, r := range priceAll([]string{"cheese", "apple", "caviar", "bread"}, 4) {
		fmt.Println(r.sku, r.outcome)
		//> apple 120
		//> bread 350
		//> caviar error: no price for 'caviar'
		//> cheese 899
	}
	prices, _ := priceInOrder([]string{"cheese", "apple", "bread"})
	fmt.Println(prices)
	//> [899 120 350]
	if _, err := priceInOrder([]string{"apple", "caviar", "bread"}); err != nil {
		fmt.Println("error:", err, "| is errNoPrice:", errors.Is(err, errNoPrice))
		//> error: no price for 'caviar' | is errNoPrice: true
	}
	for _, line := range waitBrieflyForStuckCall(10 * time.Millisecond) {
		fmt.Println(line)
		//> caller stopped waiting: context deadline exceeded
		//> the goroutine still finished: late answer
	}
	// --8<-- [end:demo]
}
