package a

import "sync"

// One mutex reached by two access paths: r.store.mu, and s.mu after
// s := r.store.

type kvStore struct {
	mu sync.RWMutex
	m  map[string]int
}

func (s *kvStore) get(k string) int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.m[k]
}

type repo struct {
	store *kvStore
	name  string
}

func newRepo(name string) *repo { return &repo{store: &kvStore{}, name: name} }

func (r *repo) lookup(k string) int {
	r.store.mu.RLock()
	defer r.store.mu.RUnlock()
	s := r.store
	s.mu.RLock() // want `s.mu.RLock, which is r.store.mu.RLock, is called while the read lock of r.store.mu is held since line 27: if a writer calls Lock in between, both block forever`
	defer s.mu.RUnlock()
	return s.m[k]
}

func (r *repo) lookupCall(k string) int {
	r.store.mu.RLock()
	defer r.store.mu.RUnlock()
	s := r.store
	return s.get(k) // want `get, which read-locks r.store.mu, is called while the read lock of r.store.mu is held since line 36`
}

func (r *repo) lookupReleased(k string) int {
	r.store.mu.RLock()
	n := len(r.store.m)
	r.store.mu.RUnlock()
	s := r.store
	return s.get(k) + n // ok: released before
}

// lookupOther is given a store that may be another one.
func (r *repo) lookupOther(s *kvStore, k string) int {
	r.store.mu.RLock()
	defer r.store.mu.RUnlock()
	return s.get(k) // ok: s may not be r.store
}

// A field some statement assigns may name another store by the time of
// the second lock.
type swapRepo struct {
	store *kvStore
}

func (r *swapRepo) reset() { r.store = &kvStore{} }

func (r *swapRepo) lookup(k string) int {
	r.store.mu.RLock()
	defer r.store.mu.RUnlock()
	s := r.store
	return s.get(k) // ok: r.store is assigned by reset
}
