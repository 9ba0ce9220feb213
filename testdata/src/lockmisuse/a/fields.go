package a

import "sync"

// Unlocks of field mutexes that neither the method nor any caller locks.

type ledger struct {
	mu      sync.Mutex
	entries []int
}

// flushLocked expects l.mu held, but unlocks it itself.
func (l *ledger) flushLocked() {
	l.entries = nil
	l.mu.Unlock() // want `l.mu is unlocked but neither flushLocked nor any of its callers locks it: fatal error "sync: unlock of unlocked mutex"; lock it first or remove the unlock`
}

func (l *ledger) Reset() {
	l.flushLocked()
}

func (l *ledger) reset2() {
	if len(l.entries) > 0 {
		l.flushLocked()
	}
}

func (l *ledger) Trim() {
	l.reset2()
}

// A caller holds it: an unlock helper.

type journal struct {
	mu      sync.Mutex
	entries []int
}

func (j *journal) unlockAndClear() {
	j.entries = nil
	j.mu.Unlock() // ok: Add holds it
}

func (j *journal) Add(x int) {
	j.mu.Lock()
	j.entries = append(j.entries, x)
	if len(j.entries) > 10 {
		j.unlockAndClear()
		return
	}
	j.mu.Unlock()
}

// An exported Lock/Unlock pair: other packages hold it between the calls.

type Registry struct {
	mu    sync.Mutex
	names []string
}

func (r *Registry) Lock() { r.mu.Lock() }

func (r *Registry) Unlock() { r.mu.Unlock() } // ok: the Unlock of an API pair

func (r *Registry) release() { r.mu.Unlock() } // ok: Lock returns holding it

func (r *Registry) Done() { r.release() }

// An unexported helper a caller's caller holds the lock for.

type counter struct {
	mu sync.Mutex
	n  int
}

func (c *counter) unlockInner() {
	c.mu.Unlock() // ok: Inc holds it, through bump
}

func (c *counter) bump() {
	c.n++
	c.unlockInner()
}

func (c *counter) Inc() {
	c.mu.Lock()
	c.bump()
}

// An exported mutex field: other packages may lock it.

type Shared struct {
	Mu sync.Mutex
	n  int
}

func (s *Shared) unlockShared() {
	s.Mu.Unlock() // ok: other packages can lock s.Mu
}

func (s *Shared) Release() { s.unlockShared() }
