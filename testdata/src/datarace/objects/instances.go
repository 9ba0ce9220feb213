// Package objects holds the races through struct fields of issue 14:
// methods that run in several goroutines, lock discipline, goroutines
// started by constructors or through func values, atomics mixed with
// plain accesses, timeouts that are not joins, and loop variables shared
// by goroutines before Go 1.22. Each shape has its correct twin beside it.
package objects

import (
	"net"
	"sync"

	"golang.org/x/sync/errgroup"
)

// A method that runs in several goroutines at once, started in a loop:
// its write of the receiver's field races with itself.
type poller struct {
	mu    sync.Mutex
	polls int
}

func (p *poller) update() {
	p.polls++ // the write, in every goroutine
}

func (p *poller) updateLocked() {
	p.mu.Lock()
	p.polls++
	p.mu.Unlock()
}

func pollAll(p *poller, n int) {
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p.update() // want `p.polls is updated \(in update\) by every goroutine started at line \d+, with no lock held at both`
		}()
	}
	wg.Wait()
}

func pollAllLocked(p *poller, n int) {
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p.updateLocked() // ok: under p.mu
		}()
	}
	wg.Wait()
}

// go s.handle(conn) for every connection: handle's write of s.served runs
// in every handler goroutine.
type server struct {
	mu     sync.Mutex
	served int
	conns  map[net.Conn]bool
}

func (s *server) handle(c net.Conn) {
	s.served++
	c.Close()
}

func (s *server) handleLocked(c net.Conn) {
	s.mu.Lock()
	s.served++
	s.mu.Unlock()
	c.Close()
}

func (s *server) serve(l net.Listener) {
	for {
		c, err := l.Accept()
		if err != nil {
			return
		}
		go s.handle(c) // want `s.served is updated \(in handle\) by every goroutine started at line \d+, with no lock held at both`
	}
}

func (s *server) serveLocked(l net.Listener) {
	for {
		c, err := l.Accept()
		if err != nil {
			return
		}
		go s.handleLocked(c) // ok: under s.mu
	}
}

// Plain field writes inside callees: a helper of the goroutine writes the
// field that the parent reads before waiting.
type progress struct {
	done int
}

func (p *progress) finish() { p.done = 1 }

func track(p *progress) int {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		p.finish() // want `p.done is assigned \(in finish\) by the goroutine started at line \d+ while track reads it at line \d+ before waiting for it`
	}()
	n := p.done
	wg.Wait()
	return n
}

func trackJoined(p *progress) int {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		p.finish() // ok: read after Wait
	}()
	wg.Wait()
	return p.done
}

// A callee's field write on a value each goroutine owns.
func trackOwn(n int) {
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p := &progress{}
			p.finish() // ok: p is the goroutine's own
		}()
	}
	wg.Wait()
}

// Field paths normalised through embedded structs: the method promoted
// from the embedded counter writes s.counter.hits, which the parent reads
// as s.hits.
type counter struct{ hits int }

func (c *counter) hit() { c.hits++ }

type cache struct {
	counter
	mu sync.Mutex
}

func (c *cache) hitLocked() {
	c.mu.Lock()
	c.hit()
	c.mu.Unlock()
}

func lookups(c *cache) int {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		c.hit() // want `c.counter.hits is updated \(in hit\) by the goroutine started at line \d+ while lookups reads it at line \d+ before waiting for it`
	}()
	n := c.hits
	wg.Wait()
	return n
}

func lookupsLocked(c *cache) int {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		c.hitLocked() // ok: under c.mu, as the read
	}()
	c.mu.Lock()
	n := c.counter.hits
	c.mu.Unlock()
	wg.Wait()
	return n
}

// errgroup: Wait orders the goroutines' writes before what follows it.
func trackGroup(ps []*progress) int {
	var g errgroup.Group
	for _, p := range ps {
		g.Go(func() error {
			p.finish() // ok: each goroutine its own p, read after Wait
			return nil
		})
	}
	g.Wait()
	return ps[0].done
}

func trackGroupEarly(p *progress) int {
	var g errgroup.Group
	g.Go(func() error {
		p.finish() // want `p.done is assigned \(in finish\) by the goroutine started at line \d+ while trackGroupEarly reads it at line \d+ before waiting for it`
		return nil
	})
	n := p.done
	g.Wait()
	return n
}
