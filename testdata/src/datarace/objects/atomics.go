package objects

import (
	"sync"
	"sync/atomic"
)

// The same variable accessed with sync/atomic and plainly, at once.
func countMixed(n int) int64 {
	var hits int64
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			atomic.AddInt64(&hits, 1) // want `hits is updated with sync/atomic by the goroutine started at line \d+ while countMixed reads it plainly at line \d+ before waiting for it: a plain access at the same time as an atomic one is a data race`
		}()
	}
	if hits > 10 {
		return -1
	}
	wg.Wait()
	return hits
}

func countAtomic(n int) int64 {
	var hits int64
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			atomic.AddInt64(&hits, 1) // ok: every access before Wait is atomic
		}()
	}
	if atomic.LoadInt64(&hits) > 10 {
		return -1
	}
	wg.Wait()
	return hits // ok: after Wait
}

// A field updated atomically by a method that runs on a goroutine, and
// read plainly by a method of the shared type.
type stats struct {
	mu       sync.Mutex
	requests int64
	errors   int64
}

func (s *stats) record() {
	atomic.AddInt64(&s.requests, 1)
	atomic.AddInt64(&s.errors, 1)
}

// Requests reads s.requests plainly while record updates it atomically.
func (s *stats) Requests() int64 {
	return s.requests // want `s.requests is read plainly in Requests while record updates it with sync/atomic at line \d+ \(on the goroutine started at line \d+\)`
}

// Errors reads s.errors atomically.
func (s *stats) Errors() int64 {
	return atomic.LoadInt64(&s.errors) // ok
}

func (s *stats) serve(reqs <-chan int) {
	for range reqs {
		go s.record()
	}
}

// A constructor's plain write before the value is published.
func newStats() *stats {
	s := &stats{}
	s.requests = 0 // ok: s is not shared yet
	return s
}

// A copy of the whole struct reads the field that record updates
// atomically.
func (s *stats) Snapshot() stats {
	return *s // want `s.requests is read plainly in Snapshot while record updates it with sync/atomic`
}

// The twin: a snapshot made of atomic loads.
func (s *stats) SnapshotAtomic() (int64, int64) {
	return atomic.LoadInt64(&s.requests), atomic.LoadInt64(&s.errors) // ok
}

// A plain write in an unexported helper that the constructor calls on the
// value it makes: when it runs is its callers' choice, not the outside
// world's (go-memdb's initialize).
func newStatsReset() *stats {
	s := &stats{}
	s.reset()
	return s
}

func (s *stats) reset() {
	s.requests = 0 // ok: reset is a helper; its only caller owns s
}
