// Package lockleak defines an Analyzer that reports functions that return
// while still holding a mutex they locked.
//
// # Analyzer lockleak
//
// lockleak: report returns that keep a mutex locked
//
// A function that locks a mutex and returns on some path without unlocking
// it leaves the mutex locked: the next Lock, in any goroutine, blocks
// forever. This usually happens on an early return added for an error. The
// check follows every path of the function from each Lock or RLock to the
// function's returns; it reports a return reached with the mutex still held
// when other paths unlock it, and a Lock that no path ever unlocks. A
// deferred Unlock covers every return after it. Functions that return with
// the lock held on every path and are meant to (their name or comment says
// "lock", or a caller in the package unlocks after calling them) are lock
// helpers: they are not reported, and their callers see the lock through
// facts. Paths that end in panic or os.Exit do not return.
//
// When the Lock is a statement of the function's body, the function has
// exactly one Unlock, and that Unlock is the body's last statement (or is
// followed only by a return of plain values), the suggested fix replaces it
// with defer mu.Unlock() right after the Lock.
//
// Bad:
//
//	func (s *Store) Put(k, v string) error {
//		s.mu.Lock()
//		if k == "" {
//			return errors.New("empty key") // s.mu stays locked
//		}
//		s.m[k] = v
//		s.mu.Unlock()
//		return nil
//	}
//
// Good:
//
//	func (s *Store) Put(k, v string) error {
//		s.mu.Lock()
//		defer s.mu.Unlock()
//		if k == "" {
//			return errors.New("empty key")
//		}
//		s.m[k] = v
//		return nil
//	}
package lockleak
