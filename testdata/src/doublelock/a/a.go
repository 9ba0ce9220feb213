// Locks taken again by the goroutine that holds them, and near misses.
package a

import (
	"errors"
	"sync"
)

type Cache struct {
	mu sync.Mutex
	m  map[string]string
}

func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.m)
}

func (c *Cache) Get(k string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.Len() == 0 { // want `Len, which locks c.mu, is called while c.mu is held since line 21: mutexes are not reentrant, this blocks forever`
		return ""
	}
	return c.m[k]
}

func (c *Cache) lenLocked() int { return len(c.m) }

func (c *Cache) GetOK(k string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.lenLocked() == 0 { // ok: does not lock
		return ""
	}
	return c.m[k]
}

func (c *Cache) Twice() {
	c.mu.Lock()
	c.m = nil
	c.mu.Lock() // want `c.mu.Lock is called again while c.mu is held since line 41`
	c.mu.Unlock()
}

func (c *Cache) Relock() {
	c.mu.Lock()
	c.m = nil
	c.mu.Unlock()
	c.mu.Lock() // ok: unlocked in between
	c.mu.Unlock()
}

func (c *Cache) EarlyExit(err error) error {
	c.mu.Lock()
	if err != nil {
		c.mu.Unlock()
		return err
	}
	c.mu.Unlock()
	c.mu.Lock() // ok
	defer c.mu.Unlock()
	return nil
}

type Table struct {
	mu   sync.RWMutex
	rows []int
}

func (t *Table) Upgrade() {
	t.mu.RLock()
	defer t.mu.RUnlock()
	if len(t.rows) == 0 {
		t.mu.Lock() // want `t.mu.Lock is called while the read lock of t.mu is held since line 73: an RWMutex cannot be upgraded`
		t.rows = []int{1}
		t.mu.Unlock()
	}
}

func (t *Table) Count() int {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return len(t.rows)
}

func (t *Table) Summary() int {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return t.Count() // want `Count, which read-locks t.mu, is called while the read lock of t.mu is held since line 89: if a writer calls Lock in between, both block forever`
}

func (t *Table) TryBoth() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.mu.TryLock() // ok: TryLock does not block
}

// Two different mutexes, and a variable that gets a new value.
type Node struct {
	mu   sync.Mutex
	next *Node
}

func handOverHand(n *Node) {
	n.mu.Lock()
	for n.next != nil {
		next := n.next
		next.mu.Lock() // ok: another node
		n.mu.Unlock()
		n = next
	}
	n.mu.Unlock()
}

func loop(c *Cache, keys []string) error {
	for _, k := range keys {
		c.mu.Lock()
		if k == "" {
			c.mu.Unlock()
			return errors.New("empty")
		}
		c.m[k] = k
		c.mu.Unlock() // ok: the next iteration locks again
	}
	return nil
}

func loopLeak(c *Cache, keys []string) {
	for _, k := range keys {
		c.mu.Lock() // want `c.mu.Lock is called again while c.mu is held since line 132`
		if k == "" {
			continue
		}
		c.m[k] = k
		c.mu.Unlock()
	}
}

// A literal called on the spot locks too.
func literal(c *Cache) {
	c.mu.Lock()
	defer c.mu.Unlock()
	func() { // want `the function literal, which locks c.mu, is called while c.mu is held since line 143`
		c.mu.Lock() // ok for this function literal itself
		defer c.mu.Unlock()
	}()
}

// A goroutine started while the lock is held locks in another goroutine.
func goroutine(c *Cache) {
	c.mu.Lock()
	defer c.mu.Unlock()
	go c.Len() // ok: another goroutine waits, it does not deadlock this one
}

// Locked here, unlocked by a goroutine: a semaphore, not a double lock
// (runtime's chan_test has this shape).
func handoff(work func()) {
	var m sync.Mutex
	m.Lock()
	go func() {
		work()
		m.Unlock()
	}()
	m.Lock() // ok: waits for the goroutine's Unlock
}

// Nested read locks of a mutex no other goroutine can see.
func private() {
	var rw sync.RWMutex
	rw.RLock()
	rw.RLock() // ok: nobody can ask for the write lock
	rw.RUnlock()
	rw.RUnlock()
}
