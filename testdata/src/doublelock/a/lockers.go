package a

import "sync"

// A sync.Locker that stands for a mutex: the L of a Cond made on it, and
// the Locker of its read lock.

type Buffer struct {
	mu   sync.RWMutex
	data []byte
}

func (b *Buffer) waitData() {
	c := sync.NewCond(&b.mu)
	b.mu.Lock()
	defer b.mu.Unlock()
	c.L.Lock() // want `c.L.Lock, which is b.mu.Lock, is called while b.mu is held since line 15: mutexes are not reentrant, this blocks forever`
	c.L.Unlock()
}

func (b *Buffer) waitDataReleased() {
	c := sync.NewCond(&b.mu)
	b.mu.Lock()
	b.data = nil
	b.mu.Unlock()
	c.L.Lock() // ok: released before
	c.L.Unlock()
}

func (b *Buffer) readLocker() int {
	l := b.mu.RLocker()
	b.mu.Lock()
	defer b.mu.Unlock()
	l.Lock() // want `l.Lock, which is b.mu.RLock, is called while b.mu is held since line 32: mutexes are not reentrant`
	defer l.Unlock()
	return len(b.data)
}

func (b *Buffer) readLockerTwice() int {
	l := b.mu.RLocker()
	b.mu.RLock()
	defer b.mu.RUnlock()
	l.Lock() // want `l.Lock, which is b.mu.RLock, is called while the read lock of b.mu is held since line 41: if a writer calls Lock in between, both block forever`
	defer l.Unlock()
	return len(b.data)
}

func (b *Buffer) readLockerAlone() int {
	l := b.mu.RLocker()
	l.Lock() // ok: the only lock
	defer l.Unlock()
	return len(b.data)
}

// otherLocker is given another Locker on some paths: not followed.
func (b *Buffer) otherLocker(o *Buffer, other bool) int {
	l := b.mu.RLocker()
	if other {
		l = o.mu.RLocker()
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	l.Lock() // ok: which mutex is not known
	defer l.Unlock()
	return len(b.data)
}

// condOfOther makes its Cond on another buffer's mutex.
func (b *Buffer) condOfOther(o *Buffer) {
	c := sync.NewCond(&o.mu)
	b.mu.Lock()
	defer b.mu.Unlock()
	c.L.Lock() // ok: o.mu
	c.L.Unlock()
}
