package objects

import "sync"

// A Start method sets up the fields, then starts the goroutine that uses
// them: its writes come before the goroutine and before any other use.
type Relay struct {
	mu    sync.Mutex
	peers map[string]int
	in    chan string
	gen   int
}

func (r *Relay) Start() {
	r.peers = make(map[string]int) // ok: before the go statement that shares r
	r.in = make(chan string)
	go r.loop()
}

func (r *Relay) loop() {
	for p := range r.in {
		r.mu.Lock()
		r.peers[p]++
		r.gen++
		r.mu.Unlock()
	}
}

func (r *Relay) Count(p string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.peers[p]
}

func (r *Relay) Forget(p string) {
	r.mu.Lock()
	delete(r.peers, p)
	r.gen++
	r.mu.Unlock()
}

// The twin: the write comes after the goroutine is started.
func (r *Relay) Restart() {
	go r.loop()
	r.gen = 0 // want `r.gen is written in Restart without Relay.mu`
}

// Storing into a map whose elements hold mutexes changes what is reached
// through the elements, not the lock held on the map's owner: p.mu stays
// held after p.pools[k] = c.
type conn struct {
	mu    sync.Mutex
	state int
}

type connPool struct {
	mu    sync.Mutex
	pools map[string]*conn
}

func (p *connPool) Refill(keys []string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, k := range keys {
		p.pools[k] = &conn{}
	}
	for k := range p.pools { // ok: p.mu is still held
		_ = k
	}
}

func (p *connPool) Get(k string) *conn {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.pools[k]
}

func (p *connPool) Drop(k string) {
	p.mu.Lock()
	delete(p.pools, k)
	p.mu.Unlock()
}

func (p *connPool) Watch(in <-chan string) {
	go func() {
		for k := range in {
			p.Drop(k)
		}
	}()
}

// The twin: the range without the lock.
func (p *connPool) Keys() int {
	n := 0
	for range p.pools { // want `p.pools is read in Keys without connPool.mu`
		n++
	}
	return n
}
