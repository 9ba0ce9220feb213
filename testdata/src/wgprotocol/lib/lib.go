// Package lib has WaitGroup helpers whose effects reach callers in other
// packages through facts.
package lib

import "sync"

// Finish calls Done on every path.
func Finish(wg *sync.WaitGroup) {
	defer wg.Done()
}

// MaybeFinish calls Done on some paths only.
func MaybeFinish(wg *sync.WaitGroup, ok bool) {
	if ok {
		wg.Done()
	}
}

// Start counts itself.
func Start(wg *sync.WaitGroup) {
	wg.Add(1)
	defer wg.Done()
}

// Join waits.
func Join(wg *sync.WaitGroup) {
	wg.Wait()
}

// Copy does nothing the caller sees: the WaitGroup is a copy.
func Copy(wg sync.WaitGroup) {
	wg.Done()
}

// Ignore does nothing with the WaitGroup it is given.
func Ignore(wg *sync.WaitGroup) {}

// Server counts its Serve calls with an Add made under mu after the check
// of stopped: Stop sets stopped under mu and then waits, so either the Add
// came first or Serve returns without adding (grpc.Server's handshake).
type Server struct {
	mu      sync.Mutex
	stopped bool
	wg      sync.WaitGroup
}

func (s *Server) Serve() {
	s.mu.Lock()
	if s.stopped {
		s.mu.Unlock()
		return
	}
	s.wg.Add(1)
	s.mu.Unlock()
	defer s.wg.Done()
}

// ServeUnchecked adds without the check: Stop's Wait may run first.
func (s *Server) ServeUnchecked() {
	s.mu.Lock()
	s.wg.Add(1)
	s.mu.Unlock()
	defer s.wg.Done()
}

func (s *Server) Stop() {
	s.mu.Lock()
	s.stopped = true
	s.mu.Unlock()
	s.wg.Wait()
}
