// True bug (lockleak): an early error return keeps the mutex, and the
// function's own deferred func then locks it again (buntdb
// buntdb.go:664, Shrink).
package shrinkseek

import (
	"os"
	"sync"
)

type DB struct {
	mu        sync.Mutex
	shrinking bool
	file      *os.File
}

func (db *DB) Shrink() error {
	db.mu.Lock()
	if db.shrinking {
		db.mu.Unlock()
		return nil
	}
	db.shrinking = true
	defer func() {
		db.mu.Lock()
		db.shrinking = false
		db.mu.Unlock()
	}()
	endpos, err := db.file.Seek(0, 2)
	if err != nil {
		return err // db.mu is still locked
	}
	db.mu.Unlock()
	_ = endpos
	return nil
}
