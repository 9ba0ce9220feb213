// Package doublelock defines an Analyzer that reports a goroutine locking a
// mutex it already holds.
//
// # Analyzer doublelock
//
// doublelock: report a mutex locked again by the goroutine that holds it
//
// Go's mutexes are not reentrant. A goroutine that calls Lock on a mutex it
// already holds blocks forever, and so does every goroutine that needs the
// mutex after it. The check follows each path of a function from a Lock (or
// RLock, or a call that returns holding the lock) while the mutex stays held,
// and reports:
//
//   - double-lock: Lock on the held mutex, directly or through a call to a
//     function that locks it on every path (such as another method of the same
//     type; known across packages through facts), and RLock while the write
//     lock is held. A printing function of fmt or log calls the Error or
//     String method of an operand formatted with %v, %s, %q, %x or %w (every
//     operand of Print and Println): fmt.Sprintf("%v", s) while s.mu is held
//     deadlocks when s.String locks s.mu;
//   - upgrade: Lock on an RWMutex while the same goroutine holds its read
//     lock: RWMutex cannot upgrade, the Lock waits for the read lock to be
//     released, which never happens;
//   - read-recursion: RLock taken again while the goroutine holds the read
//     lock: if a writer calls Lock in between, the second RLock waits for the
//     writer, which waits for the first RLock, and all block forever.
//
// Locks are told apart by variable and field (s.mu and t.mu are different
// mutexes), and a mutex stored in a map by the key variable (s.locks[k] is
// one mutex while k keeps its value, s.locks[j] may be another); a new value
// for the variable, or for the map element, ends what the check knows. A
// sync.Locker that stands for a mutex is that mutex: c.L of a Cond made by
// sync.NewCond(&s.mu) locks s.mu, and l.Lock() of l := s.mu.RLocker() is
// s.mu.RLock(), when the local variable keeps the one value it is declared
// with. One mutex reached by two access paths is one mutex: after s :=
// r.store, s.mu is r.store.mu, when s keeps that value and no statement of
// the package assigns the unexported field store (only composite literals
// set it); an RLock through each is a read-recursion. TryLock
// never blocks and is not reported.
//
// Bad:
//
//	func (c *Cache) Get(k string) string {
//		c.mu.Lock()
//		defer c.mu.Unlock()
//		if c.Len() == 0 { // Len locks c.mu again: deadlock
//			return ""
//		}
//		return c.m[k]
//	}
//
//	func (c *Cache) Len() int {
//		c.mu.Lock()
//		defer c.mu.Unlock()
//		return len(c.m)
//	}
//
// Good:
//
//	func (c *Cache) Get(k string) string {
//		c.mu.Lock()
//		defer c.mu.Unlock()
//		if len(c.m) == 0 { // or a lenLocked helper that expects c.mu held
//			return ""
//		}
//		return c.m[k]
//	}
package doublelock
