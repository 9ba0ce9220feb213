// Locks held on a return path, and the shapes that release them.
package a

import (
	"errors"
	"os"
	"sync"
)

type Store struct {
	mu sync.Mutex
	rw sync.RWMutex
	m  map[string]string
}

func (s *Store) Put(k, v string) error {
	s.mu.Lock()
	if k == "" {
		return errors.New("empty key") // want `returns with s.mu still locked \(locked at line 17\): the next s.mu.Lock blocks forever`
	}
	s.m[k] = v
	s.mu.Unlock()
	return nil
}

func (s *Store) PutOK(k, v string) error {
	s.mu.Lock()
	if k == "" {
		s.mu.Unlock() // ok: every path unlocks
		return errors.New("empty key")
	}
	s.m[k] = v
	s.mu.Unlock()
	return nil
}

func (s *Store) Deferred(k string) string {
	s.mu.Lock()
	defer s.mu.Unlock() // ok
	if k == "" {
		return ""
	}
	return s.m[k]
}

func (s *Store) Get(k string) (string, bool) {
	s.rw.RLock()
	v, ok := s.m[k]
	if !ok {
		return "", false // want `returns with s.rw still read-locked \(locked at line 47\)`
	}
	s.rw.RUnlock()
	return v, true
}

type Counter struct {
	mu sync.Mutex
	n  int
}

func (c *Counter) Forgot() {
	c.mu.Lock() // want `c.mu is locked here and never unlocked: the function returns holding it`
	c.n++
}

// Forgot on a type that has an unlock helper for the same field is taken
// for one half of a pair (like Begin and End below): known missed finding.
func (s *Store) Forgot(k string) {
	s.mu.Lock() // ok: known missed finding
	s.m[k] = ""
}

// lock is a lock helper: it returns holding s.mu on purpose.
func (s *Store) lock() { s.mu.Lock() } // ok

func (s *Store) unlock() { s.mu.Unlock() }

func (s *Store) ViaHelpers(k string) {
	s.lock()
	defer s.unlock()
	s.m[k] = k
}

// Begin and End are paired: End releases what Begin takes.
func (s *Store) Begin() { s.mu.Lock() } // ok

func (s *Store) End() { s.mu.Unlock() }

func (s *Store) Fatal(k string) {
	s.mu.Lock()
	if k == "" {
		os.Exit(1) // ok: does not return
	}
	if k == "x" {
		panic("x") // ok: does not return
	}
	s.mu.Unlock()
}

func (s *Store) Flag(k string) {
	locked := false
	if k != "" {
		s.mu.Lock()
		locked = true
	}
	s.m[k] = k
	if locked {
		s.mu.Unlock() // ok: locked and unlocked under the same flag
	}
}

func (s *Store) SameCondition(k string) {
	if k != "" {
		s.mu.Lock()
	}
	s.m[k] = k
	if k != "" {
		s.mu.Unlock() // ok: same condition
	}
}

func (s *Store) UnlockFunc(k string) {
	s.mu.Lock()
	unlock := s.mu.Unlock
	defer unlock() // ok: the method value is called at return
	s.m[k] = k
}

func (s *Store) TryOK() bool {
	if !s.mu.TryLock() {
		return false // ok: TryLock failed, nothing is held
	}
	defer s.mu.Unlock()
	return true
}
