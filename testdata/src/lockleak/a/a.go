// Locks held on a return path, and the shapes that release them.
package a

import (
	"errors"
	"os"
	"sync"
)

type Store struct {
	mu sync.Mutex
	rw sync.RWMutex
	m  map[string]string
}

func (s *Store) Put(k, v string) error {
	s.mu.Lock()
	if k == "" {
		return errors.New("empty key") // want `returns with s.mu still locked \(locked at line 17\): the next s.mu.Lock blocks forever`
	}
	s.m[k] = v
	s.mu.Unlock()
	return nil
}

func (s *Store) PutOK(k, v string) error {
	s.mu.Lock()
	if k == "" {
		s.mu.Unlock() // ok: every path unlocks
		return errors.New("empty key")
	}
	s.m[k] = v
	s.mu.Unlock()
	return nil
}

func (s *Store) Deferred(k string) string {
	s.mu.Lock()
	defer s.mu.Unlock() // ok
	if k == "" {
		return ""
	}
	return s.m[k]
}

func (s *Store) Get(k string) (string, bool) {
	s.rw.RLock()
	v, ok := s.m[k]
	if !ok {
		return "", false // want `returns with s.rw still read-locked \(locked at line 47\)`
	}
	s.rw.RUnlock()
	return v, true
}

type Counter struct {
	mu sync.Mutex
	n  int
}

func (c *Counter) Forgot() {
	c.mu.Lock() // want `c.mu is locked here and never unlocked: the function returns holding it`
	c.n++
}

// Forgot on a type that has an unlock helper for the same field is taken
// for one half of a pair (like Begin and End below): known missed finding.
func (s *Store) Forgot(k string) {
	s.mu.Lock() // ok: known missed finding
	s.m[k] = ""
}

// lock is a lock helper: it returns holding s.mu on purpose.
func (s *Store) lock() { s.mu.Lock() } // ok

func (s *Store) unlock() { s.mu.Unlock() }

func (s *Store) ViaHelpers(k string) {
	s.lock()
	defer s.unlock()
	s.m[k] = k
}

// Begin and End are paired: End releases what Begin takes.
func (s *Store) Begin() { s.mu.Lock() } // ok

func (s *Store) End() { s.mu.Unlock() }

func (s *Store) Fatal(k string) {
	s.mu.Lock()
	if k == "" {
		os.Exit(1) // ok: does not return
	}
	if k == "x" {
		panic("x") // ok: does not return
	}
	s.mu.Unlock()
}

func (s *Store) Flag(k string) {
	locked := false
	if k != "" {
		s.mu.Lock()
		locked = true
	}
	s.m[k] = k
	if locked {
		s.mu.Unlock() // ok: locked and unlocked under the same flag
	}
}

func (s *Store) SameCondition(k string) {
	if k != "" {
		s.mu.Lock()
	}
	s.m[k] = k
	if k != "" {
		s.mu.Unlock() // ok: same condition
	}
}

func (s *Store) UnlockFunc(k string) {
	s.mu.Lock()
	unlock := s.mu.Unlock
	defer unlock() // ok: the method value is called at return
	s.m[k] = k
}

func (s *Store) TryOK() bool {
	if !s.mu.TryLock() {
		return false // ok: TryLock failed, nothing is held
	}
	defer s.mu.Unlock()
	return true
}

// A release function handed to the caller (database/sql's
// closemuRUnlockRelease has this shape).
type Tx struct {
	closemu sync.RWMutex
	done    bool
}

func (tx *Tx) release(error) { tx.closemu.RUnlock() }

func (tx *Tx) grab() (func(error), error) {
	tx.closemu.RLock()
	if tx.done {
		tx.closemu.RUnlock()
		return nil, errors.New("done")
	}
	return tx.release, nil // ok: the caller releases
}

// A mutex used as a semaphore between goroutines: locked here, unlocked by
// the goroutine.
func semaphore(work func()) {
	var mu sync.Mutex
	mu.Lock()
	go func() {
		work()
		mu.Unlock()
	}()
	mu.Lock() // ok: waits for the goroutine
}

// A mutex of a value made here dies with it.
func localLeak(k string) error {
	s := &Store{m: map[string]string{}}
	s.mu.Lock()
	if k == "" {
		return errors.New("empty") // ok: s is local
	}
	s.mu.Unlock()
	return nil
}

// acquireIfIdle returns holding s.mu when it reports true: its name says so.
func (s *Store) acquireIfIdle() bool {
	s.mu.Lock()
	if len(s.m) > 0 {
		s.mu.Unlock()
		return false
	}
	return true // ok: a lock helper
}

// A goroutine that returns early with a shared mutex held.
func workers(s *Store, keys []string) {
	for _, k := range keys {
		go func() {
			s.mu.Lock()
			if k == "" {
				return // want `returns with s.mu still locked`
			}
			s.m[k] = k
			s.mu.Unlock()
		}()
	}
}

// Hand-over-hand: the lock taken through parent is released through i
// after i = parent (unique's canonMap has this shape).
type node struct {
	mu     sync.Mutex
	parent *node
}

func up(i *node) {
	i.mu.Lock()
	for i.parent != nil {
		parent := i.parent
		parent.mu.Lock() // ok: released as i.mu below
		i.mu.Unlock()
		i = parent
	}
	i.mu.Unlock()
}

// readLine is called with s.mu held; it releases it while it reads and
// takes it again (x/term's Terminal.readLine has this shape).
func (s *Store) readLine(read func() error) error {
	for {
		s.mu.Unlock()
		err := read()
		s.mu.Lock()
		if err != nil {
			return err // ok: the caller holds s.mu and unlocks it
		}
	}
}

// Trading a read lock for the write lock and back, in a literal with a
// deferred literal (cmd/go's vcweb has this shape).
func (s *Store) upgrade(k string) {
	s.rw.RLock()
	defer s.rw.RUnlock()
	if _, ok := s.m[k]; !ok {
		func() {
			s.rw.RUnlock()
			s.rw.Lock()
			defer func() {
				s.rw.Unlock()
				s.rw.RLock()
			}()
			if k == "" {
				return // ok: the deferred literal unlocks
			}
			s.m[k] = k
		}()
	}
}

// Branches on the same unchanged condition.

func (s *Store) MaybeLocked(k string, doLock bool) {
	if doLock {
		s.mu.Lock()
	}
	s.m[k] = k
	if doLock {
		s.mu.Unlock() // ok: locked and unlocked on the same condition
	}
}

func (s *Store) MaybeLockedTwin(k string, doLock, quick bool) {
	if doLock {
		s.mu.Lock()
	}
	s.m[k] = k
	if doLock && !quick {
		s.mu.Unlock()
	}
} // want `returns with s.mu still locked \(locked at line 268\)`

func (s *Store) FlagSetLater(k string) {
	locked := false
	if k != "" {
		s.mu.Lock()
		locked = true
	}
	if len(k) > 10 {
		locked = false // forgets it holds the lock
	}
	if locked {
		s.mu.Unlock()
	}
} // want `returns with s.mu still locked \(locked at line 279\)`

// acquire takes the read lock and returns holding it on one path by
// mistake: its name says nothing of what it does.
func (s *Store) acquire(k string) (string, error) {
	s.rw.RLock()
	v, ok := s.m[k]
	if !ok {
		return "", errors.New("missing") // want `returns with s.rw still read-locked`
	}
	s.rw.RUnlock()
	return v, nil
}

// unlockedOnSuccess is documented as "Unlocked on success" and leaks the
// lock on failure all the same.
func (s *Store) unlockedOnSuccess(k string) bool {
	s.mu.Lock()
	if k == "" {
		return false // want `returns with s.mu still locked`
	}
	s.m[k] = k
	s.mu.Unlock()
	return true
}

// tryAcquire returns true holding s.mu and false without it: its callers
// unlock when it says so.
func (s *Store) tryAcquire(k string) bool {
	s.mu.Lock()
	if _, busy := s.m[k]; busy {
		s.mu.Unlock()
		return false
	}
	return true // ok: the result says the lock is held
}

func (s *Store) lockedByCaller(k string) {
	s.mu.Lock()
	if k == "" {
		return // ok: the caller below unlocks after the call
	}
	s.mu.Unlock()
}

func (s *Store) callsLockedByCaller() {
	s.lockedByCaller("")
	s.mu.Unlock()
}

// Rows keeps its read lock across calls when Scan says so in a field, and
// Next releases it when the field is set.
type Rows struct {
	closemu sync.RWMutex
	hold    bool
	raw     []byte
}

func (rs *Rows) Scan(keep bool) error {
	rs.closemu.RLock()
	rs.raw = rs.raw[:0]
	if keep {
		rs.hold = true // ok: Next releases the lock when hold is set
	} else {
		rs.closemu.RUnlock()
	}
	return nil
}

func (rs *Rows) Next() bool {
	if rs.hold {
		rs.hold = false
		rs.closemu.RUnlock()
	}
	return len(rs.raw) > 0
}

// Cursor sets a field that nothing tests before releasing the lock.
type Cursor struct {
	mu   sync.RWMutex
	hold bool
}

func (c *Cursor) Scan(keep bool) error {
	c.mu.RLock()
	if keep {
		c.hold = true
	} else {
		c.mu.RUnlock()
	}
	return nil // want `returns with c.mu still read-locked`
}

func (c *Cursor) Close() {
	c.mu.RUnlock()
}
