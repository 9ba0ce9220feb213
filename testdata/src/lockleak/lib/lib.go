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
