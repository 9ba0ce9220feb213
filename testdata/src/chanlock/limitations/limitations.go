// Package limitations records what chanlock does not report.
package limitations

import "sync"

type store struct {
	mu    sync.Mutex
	state int
}

func (s *store) bump(done chan<- bool) {
	s.mu.Lock()
	s.state++
	s.mu.Unlock()
	done <- true
}

// The goroutine runs a named method: its locks are not followed.
func (s *store) named() {
	done := make(chan bool)
	s.mu.Lock()
	go s.bump(done)
	<-done // ok: a deadlock, not reported (named function)
	s.mu.Unlock()
}
