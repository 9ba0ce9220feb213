package a

import "sync"

type store struct {
	mu    sync.Mutex
	state int
}

func (s *store) deadlock() {
	done := make(chan bool)
	s.mu.Lock()
	go func() {
		s.mu.Lock()
		s.state++
		s.mu.Unlock()
		done <- true
	}()
	<-done // want `receives from done while holding s.mu \(locked at line 12\), but the goroutine on the other end locks s.mu at line 14 before it reaches its side: both block forever; unlock s.mu before this operation`
	s.mu.Unlock()
}

func (s *store) unlockFirst() {
	done := make(chan bool)
	s.mu.Lock()
	go func() {
		s.mu.Lock()
		s.state++
		s.mu.Unlock()
		done <- true
	}()
	s.mu.Unlock()
	<-done // ok: the lock is released first
}

func (s *store) sendHolding() {
	var mu sync.Mutex
	jobs := make(chan int)
	go func() {
		mu.Lock()
		defer mu.Unlock()
		for j := range jobs {
			s.state += j
		}
	}()
	mu.Lock()
	defer mu.Unlock()
	jobs <- 1 // want `sends on jobs while holding mu`
}

func (s *store) buffered() {
	var mu sync.Mutex
	jobs := make(chan int, 1)
	go func() {
		mu.Lock()
		defer mu.Unlock()
		<-jobs
	}()
	mu.Lock()
	jobs <- 1 // ok: the send completes into the buffer
	mu.Unlock()
}

func (s *store) otherSideFirst() {
	done := make(chan bool)
	s.mu.Lock()
	go func() {
		done <- true
		s.mu.Lock()
		s.state++
		s.mu.Unlock()
	}()
	<-done // ok: the goroutine sends before it locks
	s.mu.Unlock()
}
