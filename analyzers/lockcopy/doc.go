// Package lockcopy defines an Analyzer that reports sync.Mutex,
// sync.RWMutex, sync.Once and sync.Cond values that are copied.
//
// # Analyzer lockcopy
//
// lockcopy: report mutexes, Once and Cond values copied by value
//
// A copy of a sync.Mutex or sync.RWMutex is a separate lock: a goroutine
// that locks the copy does not exclude the goroutines that lock the
// original, so the data it guards is raced on, and a copy taken while the
// original is held starts out locked and blocks forever. A copy of a
// sync.Once has its own done flag, so its function can run again; Wait and
// Signal on different copies of a sync.Cond never meet. The check reports
// parameters and receivers that receive one by value, returns, assignments,
// composite literal elements and range variables that copy one, and calls
// that pass one by value, looking through structs and arrays. Values that
// also hold a sync.WaitGroup are left to the wgcopy check. As there, a
// by-value parameter of an unexported function gets a suggested fix that
// makes it a pointer and passes &x at the package's call sites.
//
// Bad:
//
//	type Counter struct {
//		mu sync.Mutex
//		n  int
//	}
//
//	func (c Counter) Inc() { // locks a copy: the increments race
//		c.mu.Lock()
//		defer c.mu.Unlock()
//		c.n++
//	}
//
// Good:
//
//	func (c *Counter) Inc() {
//		c.mu.Lock()
//		defer c.mu.Unlock()
//		c.n++
//	}
package lockcopy
