// Channels and Conds of the package's own types that no code completes,
// and near misses.
package a

import "sync"

type server struct {
	ready   chan struct{}
	started chan struct{}
	events  chan int
	queue   chan int
	mu      sync.Mutex
	cond    *sync.Cond
	wake    *sync.Cond
	items   []int
}

func newServer() *server {
	s := &server{
		ready:   make(chan struct{}),
		started: make(chan struct{}),
		events:  make(chan int),
		queue:   make(chan int, 8),
	}
	s.cond = sync.NewCond(&s.mu)
	s.wake = sync.NewCond(&s.mu)
	return s
}

func (s *server) waitReady() {
	<-s.ready // want `receives from s.ready, which no code of the package sends on or closes: this blocks forever`
}

func (s *server) start() {
	go func() {
		close(s.started)
	}()
}

func (s *server) waitStarted() {
	<-s.started // ok: start closes it
}

func (s *server) publish(v int) {
	s.events <- v // want `sends on s.events, but no code of the package receives from it`
}

func (s *server) enqueue(v int) {
	s.queue <- v // ok: buffered, and not in a loop
}

func (s *server) take() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	for len(s.items) == 0 {
		s.cond.Wait() // want `s.cond.Wait waits on a Cond that no code of the package signals`
	}
	v := s.items[0]
	s.items = s.items[1:]
	return v
}

func (s *server) takeSignalled() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	for len(s.items) == 0 {
		s.wake.Wait() // ok: put signals it
	}
	v := s.items[0]
	s.items = s.items[1:]
	return v
}

func (s *server) put(v int) {
	s.mu.Lock()
	s.items = append(s.items, v)
	s.mu.Unlock()
	s.wake.Signal()
}

// Done hands its channel to the caller: other packages may close it.
type job struct{ done chan struct{} }

func (j *job) Done() chan struct{} { return j.done }

func (j *job) wait() {
	<-j.done // ok: returned by Done, which other code may close
}

// A local channel that nothing sends on.
func localWait() {
	ch := make(chan int)
	<-ch // want `receives from ch, which nothing sends on or closes`
}

func localOK() int {
	ch := make(chan int, 1)
	ch <- 1
	return <-ch // ok
}

// pipeline fills its channel before starting the goroutine that drains
// it.
type pipeline struct {
	in  chan int
	out chan int
}

func (p *pipeline) run() {
	p.in = make(chan int, 1)
	p.in <- 1
	p.in <- 2 // want `sends on p.in with its buffer of 1 already full, before any goroutine receives from it`
	go p.drain()
}

func (p *pipeline) drain() {
	for v := range p.in {
		_ = v
	}
}

func (p *pipeline) runOK() {
	p.out = make(chan int, 2)
	p.out <- 1
	p.out <- 2 // ok: the buffer holds both
	go p.drainOut()
}

func (p *pipeline) drainOut() {
	for v := range p.out {
		_ = v
	}
}

// addrConn's channel is sent on through a type assertion.
type addrConn struct{ addrs chan string }

func (c *addrConn) addr() string {
	return <-c.addrs // ok: feed sends on it
}

func feed(x any) {
	x.(*addrConn).addrs <- "127.0.0.1"
}

// A channel closed and then sent on panics: another check's business.
func closedThenSent() {
	ch := make(chan struct{})
	close(ch)
	ch <- struct{}{} // ok for nopeer: the send panics, it does not block
}
