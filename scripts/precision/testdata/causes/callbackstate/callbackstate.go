// False alarm (lockmisuse): the callback changes the state that decides
// whether the callee unlocks, and the caller then unlocks by hand
// (buntdb buntdb_test.go:771).
package callbackstate

import (
	"errors"
	"sync"
)

type DB struct{ mu sync.RWMutex }

type Tx struct{ db *DB }

func (db *DB) Begin() *Tx { db.mu.Lock(); return &Tx{db: db} }

func (tx *Tx) unlock() { tx.db.mu.Unlock() }

func (tx *Tx) Commit() error {
	if tx.db == nil {
		return errors.New("tx closed") // leaves db.mu locked
	}
	tx.unlock()
	tx.db = nil
	return nil
}

func (db *DB) Update(fn func(*Tx) error) (err error) {
	tx := db.Begin()
	defer func() { err = tx.Commit() }()
	return fn(tx)
}

func closedTx(db *DB) {
	db.Update(func(tx *Tx) error { tx.db = nil; return nil })
	db.mu.Unlock()
	db.Update(func(tx *Tx) error { tx.db = nil; return nil })
	db.mu.Unlock()
}
