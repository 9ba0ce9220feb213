package a

import "sync"

// Releases through calls the model resolves: an interface method whose
// implementation in the package unlocks, a closure stored in a local, an
// Unlock method of an embedding type.

type store struct {
	mu sync.RWMutex
	m  map[string]int
}

type txn interface {
	Get(k string) int
	End()
}

type readTxn struct{ s *store }

func (t *readTxn) Get(k string) int { return t.s.m[k] }
func (t *readTxn) End()             { t.s.mu.RUnlock() }

func (s *store) Begin() txn {
	s.mu.RLock()
	return &readTxn{s: s}
}

func (s *store) sum(keys []string) int {
	n := 0
	for _, k := range keys {
		t := s.Begin() // ok: End, through the interface, releases the read lock of each iteration
		n += t.Get(k)
		t.End()
	}
	return n
}

// sumForgot never ends its transactions.
func (s *store) sumForgot(keys []string) int {
	n := 0
	for _, k := range keys {
		t := s.Begin() // want `Begin, which read-locks s.mu, is called while the read lock of s.mu is held since line 43`
		n += t.Get(k)
	}
	return n
}

func (s *store) closure(keys []string) {
	for _, k := range keys {
		s.mu.Lock() // ok: the closure stored in unlock releases it
		unlock := func() { s.mu.Unlock() }
		s.m[k]++
		unlock()
	}
}

func (s *store) closureNotCalled(keys []string) {
	for _, k := range keys {
		s.mu.Lock() // want `s.mu.Lock is called again while s.mu is held since line 60`
		unlock := func() { s.mu.Unlock() }
		s.m[k]++
		_ = unlock
	}
}

type guarded struct {
	sync.Mutex
	n int
}

// Unlock forwards to the embedded mutex.
func (g *guarded) Unlock() { g.Mutex.Unlock() }

func (g *guarded) incAll(xs []int) {
	for range xs {
		g.Lock() // ok: g.Unlock releases the embedded mutex
		g.n++
		g.Unlock()
	}
}
