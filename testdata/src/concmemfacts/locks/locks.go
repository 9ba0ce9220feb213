// Package locks has accesses made under several mutexes: the fact lists
// them in one order, whatever the order they were taken in.
package locks

import "sync"

type S struct {
	a, b sync.Mutex
	m    map[string]int
}

// Set takes b, then a.
func (s *S) Set(k string, v int) { // want Set:`mem\(recv.m\[\]:map-write\+locked\(recv.a\)\+locked\(recv.b\)\)`
	s.b.Lock()
	defer s.b.Unlock()
	s.a.Lock()
	defer s.a.Unlock()
	s.m[k] = v
}

// Put takes a, then b.
func (s *S) Put(k string, v int) { // want Put:`mem\(recv.m\[\]:map-write\+locked\(recv.a\)\+locked\(recv.b\)\)`
	s.a.Lock()
	defer s.a.Unlock()
	s.b.Lock()
	defer s.b.Unlock()
	s.m[k] = v
}
