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
