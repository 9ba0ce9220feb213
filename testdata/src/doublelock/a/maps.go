package a

import "sync"

// Mutexes stored in map values, named by their key.

type keyLocks struct {
	mu    sync.Mutex
	locks map[string]*sync.Mutex
}

func (l *keyLocks) twice(k string) {
	l.locks[k].Lock()
	defer l.locks[k].Unlock()
	l.locks[k].Lock() // want `l.locks\[k\].Lock is called again while l.locks\[k\] is held since line 13`
	l.locks[k].Unlock()
}

func (l *keyLocks) twoKeys(a, b string) {
	l.locks[a].Lock()
	defer l.locks[a].Unlock()
	l.locks[b].Lock() // ok: another key may be another mutex
	l.locks[b].Unlock()
}

func (l *keyLocks) replaced(k string) {
	l.locks[k].Lock()
	l.locks[k] = new(sync.Mutex)
	l.locks[k].Lock() // ok: a new mutex
	l.locks[k].Unlock()
}

func (l *keyLocks) released(k string) {
	l.locks[k].Lock()
	l.locks[k].Unlock()
	l.locks[k].Lock() // ok: unlocked in between
	l.locks[k].Unlock()
}

type entry struct {
	mu sync.Mutex
	v  int
}

func bumpTwice(m map[string]*entry, k string) {
	m[k].mu.Lock()
	m[k].v++
	m[k].mu.Lock() // want `m\[k\].mu.Lock is called again while m\[k\].mu is held since line 46`
	m[k].mu.Unlock()
}

func bumpNext(m map[string]*entry, k string) {
	m[k].mu.Lock()
	m[k].v++
	m[k].mu.Unlock()
	for k := range m {
		m[k].mu.Lock() // ok: each key once
		m[k].mu.Unlock()
	}
}
