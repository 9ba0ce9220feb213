// Package lockmisuse defines an Analyzer that reports mutex calls that
// crash the program or lock where an unlock was meant.
//
// # Analyzer lockmisuse
//
// lockmisuse: report deferred Lock, double Unlock and mismatched RUnlock
//
// Unlocking a mutex that is not locked is a fatal error ("sync: unlock of
// unlocked mutex") that no recover catches. The check reports, on each path
// of a function:
//
//   - deferred-lock: defer mu.Lock() after mu.Lock(), a typo for defer
//     mu.Unlock(): the function returns with the mutex locked twice. When
//     the mutex is held there on every path, the check suggests the fix,
//     defer mu.Unlock() (RUnlock for RLock);
//   - double-unlock: an Unlock that follows another Unlock of the same mutex
//     with no Lock in between, including an explicit Unlock followed, at
//     return, by a deferred one;
//   - mismatched-unlock: a read lock released with Unlock, or a write lock
//     released with RUnlock;
//   - unlock-unlocked: Unlock of a mutex declared in the function that no
//     path has locked; and Unlock of a field mutex (or a package variable) in
//     an unexported function, on a path that does not lock it, when no caller
//     can hold it: every caller is a static call of the package, none of them
//     (nor their callers, up to the package's entry points) takes a mutex of
//     that field, other packages cannot reach it, and no function returns
//     holding it. An exported method that unlocks is the Unlock of a
//     Lock/Unlock pair, and is not reported.
//
// Mutexes are told apart by variable and field; a new value for the
// variable ends what the check knows, and a TryLock counts as a lock.
//
// Bad:
//
//	func (c *Cache) Set(k, v string) {
//		c.mu.Lock()
//		defer c.mu.Lock() // typo: locks again at return
//		c.m[k] = v
//	}
//
//	func (t *Table) Rows() int {
//		t.mu.RLock()
//		defer t.mu.Unlock() // fatal error: Unlock of a read lock
//		return len(t.rows)
//	}
//
// Good:
//
//	func (c *Cache) Set(k, v string) {
//		c.mu.Lock()
//		defer c.mu.Unlock()
//		c.m[k] = v
//	}
//
//	func (t *Table) Rows() int {
//		t.mu.RLock()
//		defer t.mu.RUnlock()
//		return len(t.rows)
//	}
package lockmisuse
