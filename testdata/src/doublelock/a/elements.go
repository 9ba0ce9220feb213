package a

import "sync"

// One mutex per element of a loop: each iteration locks another mutex.

type Peer struct {
	mu sync.Mutex
	n  int
}

func lockAll(ps []*Peer) int {
	t := 0
	for _, p := range ps {
		p.mu.Lock() // ok: p is another peer in each iteration
		defer p.mu.Unlock()
		t += p.n
	}
	return t
}

func lockAllIndexed(ps []*Peer) int {
	t := 0
	for i := 0; i < len(ps); i++ {
		p := ps[i]
		p.mu.Lock() // ok: p is another peer in each iteration
		defer p.mu.Unlock()
		t += p.n
	}
	return t
}

// lockOneRepeatedly locks the same peer in every iteration.
func lockOneRepeatedly(ps []*Peer, p *Peer) int {
	t := 0
	for range ps {
		p.mu.Lock() // want `p.mu.Lock is called again while p.mu is held since line 37`
		defer p.mu.Unlock()
		t += p.n
	}
	return t
}
