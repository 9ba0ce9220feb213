package objects

import "sync"

// A transaction locks its store in write or read mode by its kind, in a
// helper (tx.lock) that every path leaves holding the mutex: Begin's read
// of s.closed after it is under s.mu, in whatever mode, and Close writes
// it holding s.mu for writing.
type TxStore struct {
	mu     sync.RWMutex
	closed bool
	data   map[string]string
}

type Txn struct {
	s        *TxStore
	writable bool
}

func OpenTxStore() *TxStore {
	s := &TxStore{data: make(map[string]string)}
	go s.background()
	return s
}

func (s *TxStore) background() {
	for {
		tx, ok := s.Begin(true)
		if !ok {
			return
		}
		tx.End()
	}
}

func (tx *Txn) lock() {
	if tx.writable {
		tx.s.mu.Lock()
	} else {
		tx.s.mu.RLock()
	}
}

func (tx *Txn) unlock() {
	if tx.writable {
		tx.s.mu.Unlock()
	} else {
		tx.s.mu.RUnlock()
	}
}

func (s *TxStore) Begin(writable bool) (*Txn, bool) {
	tx := &Txn{s: s, writable: writable}
	tx.lock()
	if s.closed { // ok: tx.lock() holds s.mu in one mode or the other on every path
		tx.unlock()
		return nil, false
	}
	return tx, true
}

func (tx *Txn) End() { tx.unlock() }

func (s *TxStore) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
}

func (s *TxStore) Get(k string) (string, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return "", false
	}
	v, ok := s.data[k]
	return v, ok
}

func (s *TxStore) Len() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return 0
	}
	return len(s.data)
}

// The near twin: lockSome takes the mutex only for writable transactions,
// so a read-only BeginSome reads s.closed with no lock.
type SomeStore struct {
	mu     sync.RWMutex
	closed bool
	data   map[string]string
}

type SomeTxn struct {
	s        *SomeStore
	writable bool
}

func OpenSomeStore() *SomeStore {
	s := &SomeStore{data: make(map[string]string)}
	go s.background()
	return s
}

func (s *SomeStore) background() {
	for {
		if _, ok := s.BeginSome(false); !ok {
			return
		}
	}
}

func (tx *SomeTxn) lockSome() {
	if tx.writable {
		tx.s.mu.Lock()
	}
}

func (s *SomeStore) BeginSome(writable bool) (*SomeTxn, bool) {
	tx := &SomeTxn{s: s, writable: writable}
	tx.lockSome()
	if s.closed { // want `s.closed is read in BeginSome without SomeStore.mu`
		return nil, false
	}
	return tx, true
}

func (s *SomeStore) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
}

func (s *SomeStore) Get(k string) (string, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return "", false
	}
	v, ok := s.data[k]
	return v, ok
}

func (s *SomeStore) Len() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return 0
	}
	return len(s.data)
}
