// Package lib has a type whose methods lock its exported mutex.
package lib

import "sync"

type Store struct {
	Mu   sync.Mutex
	data map[string]int
}

// Len locks s.Mu.
func (s *Store) Len() int {
	s.Mu.Lock()
	defer s.Mu.Unlock()
	return len(s.data)
}

// LenLocked expects s.Mu held.
func (s *Store) LenLocked() int { return len(s.data) }
