// False alarm (doublelock): the mutex is locked and handed to a goroutine
// that unlocks it; the second Lock only waits for that goroutine
// (client_golang summary.go:322, pgx pgconn.go:1604, franz-go
// consumer_group.go:2899 through a callback).
package lockhandoff

import "sync"

type summary struct {
	bufMtx, mtx sync.Mutex
	hot, cold   []float64
}

func (s *summary) asyncFlush() {
	s.mtx.Lock()
	s.hot, s.cold = s.cold[:0], s.hot
	go func() {
		s.cold = s.cold[:0] // flush
		s.mtx.Unlock()
	}()
}

func (s *summary) Observe(v float64, expired bool) {
	s.bufMtx.Lock()
	defer s.bufMtx.Unlock()
	if expired {
		s.asyncFlush()
	}
	s.hot = append(s.hot, v)
	if len(s.hot) == cap(s.hot) {
		s.asyncFlush()
	}
}
