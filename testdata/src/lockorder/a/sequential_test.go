package a

import (
	"sync"
	"testing"
)

// Both orders in one test, one after the other: no deadlock.

type ledger struct {
	mu sync.Mutex
	n  int
}

type audit struct {
	mu sync.Mutex
	n  int
}

func TestBothOrders(t *testing.T) {
	var l ledger
	var a audit
	l.mu.Lock()
	a.mu.Lock() // ok: the other order below runs after this one, on the same goroutine
	a.n++
	a.mu.Unlock()
	l.mu.Unlock()

	a.mu.Lock()
	l.mu.Lock()
	l.n++
	l.mu.Unlock()
	a.mu.Unlock()
}

type book struct {
	mu sync.Mutex
	n  int
}

type index struct {
	mu sync.Mutex
	n  int
}

func TestOrdersInGoroutines(t *testing.T) {
	var b book
	var x index
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		b.mu.Lock()
		x.mu.Lock()
		x.n++
		x.mu.Unlock()
		b.mu.Unlock()
	}()
	go func() {
		defer wg.Done()
		x.mu.Lock()
		b.mu.Lock() // want `book.mu is locked while index.mu is held`
		b.n++
		b.mu.Unlock()
		x.mu.Unlock()
	}()
	wg.Wait()
}
