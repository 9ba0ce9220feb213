// One finding of each check that involves two goroutines: lockorder,
// chanlock, datarace and chanleak. TestSARIFCodeFlows checks that the
// SARIF log shows each as one thread flow per goroutine.
package main

import (
	"fmt"
	"sync"
)

type bank struct {
	accounts sync.Mutex
	audit    sync.Mutex
	balance  int
	log      []string
}

// transfer locks accounts, then audit.
func (k *bank) transfer() {
	k.accounts.Lock()
	defer k.accounts.Unlock()
	k.audit.Lock()
	defer k.audit.Unlock()
	k.balance--
	k.log = append(k.log, "transfer")
}

// report locks audit, then accounts: with transfer, a lock order
// inversion.
func (k *bank) report() {
	k.audit.Lock()
	defer k.audit.Unlock()
	k.accounts.Lock()
	defer k.accounts.Unlock()
	k.log = append(k.log, fmt.Sprint(k.balance))
}

// handOff sends on done while holding mu, which the receiver needs first.
func handOff() {
	var mu sync.Mutex
	done := make(chan int)
	go func() {
		mu.Lock()
		defer mu.Unlock()
		fmt.Println(<-done)
	}()
	mu.Lock()
	done <- 1
	mu.Unlock()
}

// count appends from many goroutines without a lock.
func count(items []int) []int {
	var out []int
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out = append(out, it*2)
		}()
	}
	wg.Wait()
	return out
}

// first returns after the first result: the other senders block forever.
func first(items []int) int {
	results := make(chan int)
	for _, it := range items {
		go func() {
			results <- it * 2
		}()
	}
	return <-results
}

func main() {
	k := &bank{}
	go k.transfer()
	k.report()
	handOff()
	fmt.Println(count([]int{1, 2}), first([]int{1, 2}))
}
