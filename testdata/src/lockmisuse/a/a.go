// Deferred Lock typos, double and mismatched unlocks, and near misses.
package a

import (
	"sync"
	"testing"
)

type Cache struct {
	mu sync.Mutex
	rw sync.RWMutex
	m  map[string]string
}

func (c *Cache) Set(k, v string) {
	c.mu.Lock()
	defer c.mu.Lock() // want `deferred c.mu.Lock locks c.mu again when the function returns, while it is still held from line 16: .*did you mean defer c.mu.Unlock\(\)\?`
	c.m[k] = v
}

func (c *Cache) SetOK(k, v string) {
	c.mu.Lock()
	defer c.mu.Unlock() // ok
	c.m[k] = v
}

// Relocking at return after unlocking is deliberate.
func (c *Cache) Relock(slow func()) {
	c.mu.Unlock()
	defer c.mu.Lock() // ok: the caller expects it held again
	slow()
}

func (c *Cache) Rows() int {
	c.rw.RLock()
	defer c.rw.Unlock() // want `c.rw.Unlock releases the read lock taken at line 35: fatal error "sync: Unlock of unlocked RWMutex"; use c.rw.RUnlock`
	return len(c.m)
}

func (c *Cache) Write(k string) {
	c.rw.Lock()
	c.m[k] = k
	c.rw.RUnlock() // want `c.rw.RUnlock releases the write lock taken at line 41`
}

func (c *Cache) ReadOK() int {
	c.rw.RLock()
	defer c.rw.RUnlock() // ok
	return len(c.m)
}

func (c *Cache) Twice(k string) {
	c.mu.Lock()
	c.m[k] = k
	c.mu.Unlock()
	c.mu.Unlock() // want `c.mu is unlocked again, after the unlock at line 55 with no lock in between`
}

func (c *Cache) DeferAndExplicit(k string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if k == "" {
		c.mu.Unlock() // want `c.mu is unlocked here, and the deferred unlock at line 61 unlocks it again when the function returns`
		return
	}
	c.m[k] = k
}

func (c *Cache) UnlockWait(k string, wait func()) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.mu.Unlock() // ok: locked again before returning
	wait()
	c.mu.Lock()
	c.m[k] = k
}

func (c *Cache) Loop(keys []string) {
	for _, k := range keys {
		c.mu.Lock()
		c.m[k] = k
		c.mu.Unlock() // ok: locked again each iteration
	}
}

func local() {
	var mu sync.Mutex
	mu.Unlock() // want `mu is unlocked but no path to here locks it`
}

func localOK() {
	var mu sync.Mutex
	mu.Lock()
	mu.Unlock() // ok
}

func (c *Cache) helperUnlock() {
	c.mu.Unlock() // ok: the caller holds it
}

func (c *Cache) Try() {
	if c.mu.TryLock() {
		c.mu.Unlock() // ok
	}
}

// Read locks are counted.
func (c *Cache) TwoReaders() {
	c.rw.RLock()
	c.rw.RLock()
	c.rw.RUnlock()
	c.rw.RUnlock() // ok: two read locks
}

type harness struct {
	t   testing.TB
	mu  sync.Mutex
	all []int
}

// Fatalf through the testing.TB interface does not return (x/net's http2
// tests have this shape).
func (h *harness) next() int {
	h.mu.Lock()
	if len(h.all) == 0 {
		h.mu.Unlock()
		h.t.Fatalf("empty")
	}
	v := h.all[0]
	h.mu.Unlock() // ok: the path above ends in Fatalf
	return v
}
