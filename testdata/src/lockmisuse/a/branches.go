package a

import "sync"

// Releases that match the lock taken on the same condition.

type Shard struct {
	rw sync.RWMutex
	n  int
}

func (s *Shard) get(read bool) int {
	if read {
		s.rw.RLock()
	} else {
		s.rw.Lock()
	}
	n := s.n
	if read {
		s.rw.RUnlock() // ok: the read lock was taken on this condition
	} else {
		s.rw.Unlock() // ok
	}
	return n
}

// getSwapped releases the other lock.
func (s *Shard) getSwapped(read bool) int {
	if read {
		s.rw.RLock()
	} else {
		s.rw.Lock()
	}
	n := s.n
	if !read {
		s.rw.RUnlock() // want `s.rw.RUnlock releases the write lock taken at line 32`
	} else {
		s.rw.Unlock() // want `s.rw.Unlock releases the read lock taken at line 30`
	}
	return n
}
