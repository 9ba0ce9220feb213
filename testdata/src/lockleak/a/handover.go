package a

import "sync"

// Locks handed to the caller in what the function returns.

type conn struct {
	rlock sync.Mutex
	next  int32
}

// waitResponse returns the mutex it holds: the caller unlocks it.
func (c *conn) waitResponse(id int32) (*sync.Mutex, bool) {
	for i := 0; i < 3; i++ {
		c.rlock.Lock()
		if c.next == id {
			return &c.rlock, true // ok: handed to the caller
		}
		c.rlock.Unlock()
	}
	return nil, false
}

// waitForgot returns something else while holding the lock.
func (c *conn) waitForgot(id int32) (int32, bool) {
	for i := 0; i < 3; i++ {
		c.rlock.Lock()
		if c.next == id {
			return c.next, true // want `returns with c.rlock still locked`
		}
		c.rlock.Unlock()
	}
	return 0, false
}

type lifecycle struct {
	control sync.Mutex
	state   int
}

// Collection ends the exclusive phase that Begin starts.
type Collection struct{ l *lifecycle }

func (c Collection) Complete() { c.l.control.Unlock() }

// Begin returns holding l.control in the Collection, whose Complete
// releases it.
func (l *lifecycle) Begin() (Collection, bool) {
	l.control.Lock()
	if l.state < 0 {
		l.control.Unlock()
		return Collection{}, false
	}
	return Collection{l: l}, true // ok: Collection.Complete unlocks it
}

// probe is a sync.Locker whose Lock does a little more than the embedded
// one; its users unlock through the promoted Unlock.
type probe struct {
	sync.Mutex
	entered chan struct{}
	once    sync.Once
}

func (p *probe) Lock() {
	p.Mutex.Lock() // ok: the promoted Unlock releases it
	p.once.Do(func() { close(p.entered) })
}

// tally embeds its mutex but declares its own Unlock, which does not
// release it.
type tally struct {
	sync.Mutex
	n int
}

func (t *tally) Unlock() { t.n = 0 }

func (t *tally) Lock() {
	t.Mutex.Lock() // want `t.Mutex is locked here and never unlocked`
	t.n++
}

// waitNamed hands the mutex over in its named result.
func (c *conn) waitNamed(id int32) (lock *sync.Mutex, ok bool) {
	for i := 0; i < 3; i++ {
		c.rlock.Lock()
		if c.next == id {
			lock, ok = &c.rlock, true
			break // ok: the caller unlocks lock
		}
		c.rlock.Unlock()
	}
	return
}

// commitAsync calls onDone when the commit completes, on another
// goroutine.
func commitAsync(onDone func()) {
	go onDone()
}

type group struct {
	noCommit sync.RWMutex
	pending  int
}

// autocommit holds the read lock until the commit is done: the callback
// releases it.
func (g *group) autocommit() {
	g.noCommit.RLock()
	if g.pending == 0 {
		g.noCommit.RUnlock()
		return
	}
	commitAsync(func() { // ok: the callback releases the read lock
		g.noCommit.RUnlock()
	})
}

// autocommitForgot's callback does not release it.
func (g *group) autocommitForgot() {
	g.noCommit.RLock()
	if g.pending == 0 {
		g.noCommit.RUnlock()
		return
	}
	commitAsync(func() {
		g.pending = 0
	})
} // want `returns with g.noCommit still read-locked \(locked at line 123\)`
