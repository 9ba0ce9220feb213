package a

import "sync"

// One mutex reached by two access paths is not two mutexes taken in an
// order: doublelock reports the recursion, lockorder stays silent.

type dataStore struct {
	mu sync.RWMutex
	n  int
}

type view struct {
	store *dataStore
}

func (v *view) count() int {
	v.store.mu.RLock()
	defer v.store.mu.RUnlock()
	s := v.store
	s.mu.RLock() // ok for lockorder: the same mutex (doublelock reports it)
	defer s.mu.RUnlock()
	return s.n
}

func (v *view) countWith(s *dataStore) int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	v.store.mu.RLock() // ok: one class, the order depends on the values
	defer v.store.mu.RUnlock()
	return s.n + v.store.n
}
