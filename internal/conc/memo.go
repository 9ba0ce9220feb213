package conc

import "sync"

// A memo keeps the answers of a query computed on demand, for checks that
// ask at the same time (the drivers run analyzers in parallel). An answer
// is computed outside the lock, so a computation may ask other queries of
// the memo; when two callers compute one key at once, the first answer
// stored is kept and returned to both.
type memo[K comparable, V any] struct {
	mu sync.Mutex
	m  map[K]V
}

// get returns the answer for k, computing it with compute the first time.
func (c *memo[K, V]) get(k K, compute func() V) V {
	c.mu.Lock()
	v, ok := c.m[k]
	c.mu.Unlock()
	if ok {
		return v
	}
	v = compute()
	c.mu.Lock()
	defer c.mu.Unlock()
	if prev, ok := c.m[k]; ok {
		return prev
	}
	if c.m == nil {
		c.m = make(map[K]V)
	}
	c.m[k] = v
	return v
}
