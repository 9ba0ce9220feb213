package a

import (
	"sync"
	"time"
)

// sync.Once.Do and sync.Map.Range run their function during the call, on
// the caller's goroutine: a lock it takes that the caller holds blocks
// forever.

type registry struct {
	mu    sync.Mutex
	once  sync.Once
	items sync.Map
	n     int
}

func (r *registry) setup() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.once.Do(func() { // want `Do, which locks r.mu, is called while r.mu is held`
		r.mu.Lock()
		r.n = 1
		r.mu.Unlock()
	})
}

// The twin: the lock is released before Do.
func (r *registry) setupUnlocked() {
	r.mu.Lock()
	r.n = 0
	r.mu.Unlock()
	r.once.Do(func() { // ok: r.mu is not held
		r.mu.Lock()
		r.n = 1
		r.mu.Unlock()
	})
}

func (r *registry) reset() {
	r.mu.Lock()
	r.n = 0
	r.mu.Unlock()
}

func (r *registry) setupMethod() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.once.Do(r.reset) // want `Do, which locks r.mu, is called while r.mu is held`
}

func (r *registry) count() {
	r.mu.Lock()
	r.items.Range(func(k, v any) bool { // want `Range, which locks r.mu, is called while r.mu is held`
		r.mu.Lock()
		r.n++
		r.mu.Unlock()
		return true
	})
	r.mu.Unlock()
}

// The twin: the callback does not lock.
func (r *registry) countUnlocked() {
	r.mu.Lock()
	n := 0
	r.items.Range(func(k, v any) bool { // ok: the callback takes no lock
		n++
		return true
	})
	r.n = n
	r.mu.Unlock()
}

// time.AfterFunc runs its function later, on another goroutine: the
// caller's lock is not held by it.
func (r *registry) later() {
	r.mu.Lock()
	defer r.mu.Unlock()
	time.AfterFunc(time.Second, func() { // ok: runs on another goroutine
		r.mu.Lock()
		r.n = 2
		r.mu.Unlock()
	})
}
