package a

import "sync"

// A mutex locked through another name (tx.db.mu for db.mu): a call that
// may lock a mutex of its class may lock this one.

type db struct {
	mu sync.Mutex
	n  int
}

type tx struct{ db *db }

func (d *db) begin() *tx {
	t := &tx{db: d}
	t.db.mu.Lock()
	return t
}

func (d *db) update(fn func(*tx)) {
	t := d.begin()
	fn(t) // may forget to unlock, as the test below makes it
}

func forceUnlock(d *db) {
	d.mu.Unlock()
	d.update(func(t *tx) { t.db.n++ })
	d.mu.Unlock() // ok: update locked d.mu through t.db
}

func twiceUnlocked(d *db) {
	d.mu.Unlock()
	d.n++
	d.mu.Unlock() // want `d.mu is unlocked again, after the unlock at line 33 with no lock in between`
}
