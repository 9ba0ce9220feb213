package variant

import "sync"

// Store exists only in the test variant of the package.
type Store struct {
	Mu sync.Mutex
	n  int
}

// Len locks s.Mu on every path.
func (s *Store) Len() int {
	s.Mu.Lock()
	defer s.Mu.Unlock()
	return s.n
}

// LenLocked expects s.Mu held.
func (s *Store) LenLocked() int { return s.n }
