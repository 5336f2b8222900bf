// sync.Once: one initialization, however many goroutines ask for it first.
package main

import (
	"errors"
	"fmt"
	"sync"
)

// --8<-- [start:once]
// lazyConfig loads its config on first use, exactly once. Once does not
// retry: if the load fails, every caller gets that same error, so keep the
// error next to the value.
type lazyConfig struct {
	once  sync.Once
	load  func() (map[string]string, error)
	value map[string]string
	err   error
}

func (c *lazyConfig) get() (map[string]string, error) {
	c.once.Do(func() { c.value, c.err = c.load() })
	return c.value, c.err // Do returns only after load has returned, in every goroutine
}

// --8<-- [end:once]

func main() {
	// --8<-- [start:demo]
	var loads int // written only inside Do, read after every goroutine is done
	config := &lazyConfig{load: func() (map[string]string, error) {
		loads++
		return map[string]string{"region": "eu-west-1"}, nil
	}}
	var wg sync.WaitGroup
	regions := make([]string, 10)
	for i := range regions {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			settings, _ := config.get()
			regions[i] = settings["region"]
		}(i)
	}
	wg.Wait()
	fmt.Println("10 callers, loads:", loads, "| first region:", regions[0])
	//> 10 callers, loads: 1 | first region: eu-west-1

	broken := &lazyConfig{load: func() (map[string]string, error) {
		return nil, errors.New("config server unreachable")
	}}
	_, first := broken.get()
	_, second := broken.get()
	fmt.Println("first:", first, "| second:", second, "| same error:", first == second)
	//> first: config server unreachable | second: config server unreachable | same error: true
	// --8<-- [end:demo]
}
