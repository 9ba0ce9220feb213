package a

import "sync"

// Branches that test the same unchanged condition take the same side: the
// model follows only the paths that can happen.

type Grid struct {
	mu sync.RWMutex
	n  int
}

// lockOnce takes the lock in the first iteration that needs it, and
// remembers that it holds it.
func (t *Grid) lockOnce(xs []int) {
	held := false
	for _, x := range xs {
		if x > 0 && !held {
			t.mu.Lock() // ok: held is true after the first Lock
			defer t.mu.Unlock()
			held = true
		}
		t.n += x
	}
}

// lockOnceForgot is lockOnce without held = true.
func (t *Grid) lockOnceForgot(xs []int) {
	held := false
	for _, x := range xs {
		if x > 0 && !held {
			t.mu.Lock() // want `t.mu.Lock is called again while t.mu is held since line 32`
			defer t.mu.Unlock()
		}
		t.n += x
	}
	_ = held
}

// readOrWrite takes the read or the write lock, and releases the one it
// took.
func (t *Grid) readOrWrite(read bool) int {
	if read {
		t.mu.RLock()
	} else {
		t.mu.Lock()
	}
	n := t.n
	if read {
		t.mu.RUnlock()
	} else {
		t.mu.Unlock()
	}
	if !read {
		t.mu.Lock() // ok: the write lock was released above
		t.n++
		t.mu.Unlock()
	}
	return n
}

// relockAfterChange changes the condition between the two tests: the
// second test says nothing of the first.
func (t *Grid) relockAfterChange(read bool) {
	if read {
		t.mu.RLock()
	}
	read = !read
	if !read {
		t.mu.RLock() // want `t.mu.RLock is called again while the read lock of t.mu is held since line 66`
		t.mu.RUnlock()
	}
	t.mu.RUnlock()
}
