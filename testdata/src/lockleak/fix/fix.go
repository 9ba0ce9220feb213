package fix

import (
	"errors"
	"sync"
)

type Store struct {
	mu sync.Mutex
	m  map[string]string
}

func (s *Store) Put(k, v string) error {
	s.mu.Lock()
	if k == "" {
		return errors.New("empty key") // want `returns with s.mu still locked`
	}
	s.m[k] = v
	s.mu.Unlock()
	return nil
}

func (s *Store) Len(k string) int {
	s.mu.Lock()
	if k == "" {
		return 0 // want `returns with s.mu still locked`
	}
	n := len(s.m)
	s.mu.Unlock()
	return compute(n) // no fix: the result would be computed under the lock
}

func compute(n int) int { return n * 2 }
