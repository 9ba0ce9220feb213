package a

import (
	"sync"
	"time"
)

// A channel field closed by one method while a goroutine another method
// starts keeps sending on it.

type feed struct {
	ticks chan time.Time
}

func newFeed() *feed { return &feed{ticks: make(chan time.Time)} }

func (f *feed) Start() {
	go f.pump()
}

func (f *feed) pump() {
	for {
		time.Sleep(time.Second)
		f.ticks <- time.Now()
	}
}

func (f *feed) Close() {
	close(f.ticks) // want `f.ticks is closed while the goroutine started at line \d+ still sends on it in a loop it never leaves: its next send panics`
}

// The twin: the sender selects on a done channel, and Close waits for it
// before closing.
type stoppable struct {
	ticks chan time.Time
	done  chan struct{}
	wg    sync.WaitGroup
}

func (s *stoppable) Start() {
	s.wg.Add(1)
	go s.pump()
}

func (s *stoppable) pump() {
	defer s.wg.Done()
	for {
		time.Sleep(time.Second)
		select {
		case s.ticks <- time.Now():
		case <-s.done:
			return
		}
	}
}

func (s *stoppable) Close() {
	close(s.done)
	s.wg.Wait()
	close(s.ticks) // ok: the sender has returned
}

// A sender that may finish on its own: not judged.
type finite struct {
	out chan int
}

func (f *finite) Start(n int) {
	go func() {
		for i := range n {
			f.out <- i
		}
	}()
}

func (f *finite) Close() {
	close(f.out) // ok: the sender may have returned (the model does not know)
}

// A sender that blocks on its input between sends: after the close it may
// never send again.
type relay struct {
	in, out chan int
}

func (r *relay) Start() {
	go func() {
		for {
			v := <-r.in
			r.out <- v
		}
	}()
}

func (r *relay) Close() {
	close(r.out) // ok: the relay may be blocked on r.in for good
}
