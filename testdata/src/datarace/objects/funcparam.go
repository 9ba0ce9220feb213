package objects

import (
	"sync"
	"time"
)

// Goroutines started through a func parameter.

// until calls f until stop is closed, like wait.Until.
func until(f func(), period time.Duration, stop <-chan struct{}) {
	for {
		select {
		case <-stop:
			return
		case <-time.After(period):
			f()
		}
	}
}

type controller struct {
	mu     sync.Mutex
	synced int
}

func (c *controller) sync() { c.synced++ }

func (c *controller) syncLocked() {
	c.mu.Lock()
	c.synced++
	c.mu.Unlock()
}

func (c *controller) run(workers int, stop chan struct{}) {
	for range workers {
		go until(c.sync, time.Second, stop) // want `c.synced is updated \(in sync\) by every goroutine started at line \d+, with no lock held at both`
	}
	<-stop
}

func (c *controller) runLocked(workers int, stop chan struct{}) {
	for range workers {
		go until(c.syncLocked, time.Second, stop) // ok: under c.mu
	}
	<-stop
}

// An errgroup-like helper and a worker pool: each calls its func
// parameter on goroutines it starts, several at once.
func parallel(items []int, fn func(int)) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn(it)
		}()
	}
	wg.Wait()
}

func pool(jobs <-chan int, workers int, fn func(int)) {
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				fn(j)
			}
		}()
	}
	wg.Wait()
}

func sum(items []int) int {
	total := 0
	parallel(items, func(it int) {
		total += it // want `total is updated by every goroutine that parallel \(called at line \d+\) starts, with no lock held at both`
	})
	return total
}

func sumLocked(items []int) int {
	var mu sync.Mutex
	total := 0
	parallel(items, func(it int) {
		mu.Lock()
		total += it // ok: under mu
		mu.Unlock()
	})
	return total
}

func (c *controller) drain(jobs <-chan int) {
	pool(jobs, 4, func(int) {
		c.sync() // want `c.synced is updated \(in sync\) by every goroutine that pool \(called at line \d+\) starts, with no lock held at both`
	})
}

func (c *controller) drainLocked(jobs <-chan int) {
	pool(jobs, 4, func(int) {
		c.syncLocked() // ok: under c.mu
	})
}

// A helper that calls its func on the caller's goroutine starts nothing.
func each(items []int, fn func(int)) {
	for _, it := range items {
		fn(it)
	}
}

func sumSerial(items []int) int {
	total := 0
	each(items, func(it int) {
		total += it // ok: one goroutine
	})
	return total
}
