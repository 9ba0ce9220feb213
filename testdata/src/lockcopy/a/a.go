// Copies of mutexes, Once and Cond values, and near misses.
package a

import (
	"fmt"
	"sync"
)

type Counter struct {
	mu sync.Mutex
	n  int
}

func (c Counter) Inc() { // want `value receiver c copies the sync.Mutex in mu on every call: locking the copy does not exclude goroutines`
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n++
}

func (c *Counter) Dec() { // ok
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n--
}

type Cache struct {
	sync.RWMutex // embedded
	m            map[string]string
}

func lookup(c Cache, k string) string { // want `parameter c receives a copy of the sync.RWMutex in RWMutex`
	c.RLock()
	defer c.RUnlock()
	return c.m[k]
}

func snapshot(c *Counter) Counter {
	return *c // want `return copies the sync.Mutex in mu from \*c`
}

func newCounter() Counter { return Counter{} } // ok: a new value

type Lazy struct {
	once sync.Once
	v    int
}

func copies(l *Lazy, cs []Counter, cond *sync.Cond) {
	l2 := *l               // want `assignment copies the sync.Once in once from \*l: the copy has its own done flag`
	c2 := *cond            // want `assignment copies a sync.Cond from \*cond: Wait and Signal on different copies never meet`
	for _, c := range cs { // want `range variable c copies the sync.Mutex in mu of each element`
		fmt.Println(c.n)
	}
	for i := range cs { // ok
		cs[i].Inc()
	}
	p := &cs[0]                  // ok
	fmt.Println(l2.v, c2.L, p.n) // ok
	type holder struct {
		wg sync.WaitGroup
		mu sync.Mutex
	}
	var h holder
	h2 := h // ok for lockcopy: it holds a WaitGroup, wgcopy reports it
	_ = h2
}

// A look-alike Mutex type.
type Mutex struct{}

func (*Mutex) Lock() {}

func lookAlike(m Mutex) { m.Lock() } // ok
