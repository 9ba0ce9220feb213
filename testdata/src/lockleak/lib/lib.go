// Package lib has lock helpers used from another package.
package lib

import "sync"

type Store struct {
	sync.Mutex // embedded
	N          int
}

// Acquire returns with s locked; the caller unlocks it.
func Acquire(s *Store) { // ok: a lock helper
	s.Lock()
}

func (s *Store) Inc() {
	s.Lock()
	defer s.Unlock() // ok: embedded mutex, deferred unlock
	s.N++
}

// Lifecycle's mutex is handed out locked with a Collection, whose method
// release, with an unexported name, unlocks it (Finish calls it).
type Lifecycle struct {
	Mu sync.Mutex
	N  int
}

type Collection struct{ L *Lifecycle }

func (c *Collection) release() { c.L.Mu.Unlock() }

// Finish ends the collection.
func Finish(c *Collection) { c.release() }

// Current is the collection in progress.
var Current = &Collection{}
