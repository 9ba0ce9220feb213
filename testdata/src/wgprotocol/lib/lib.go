// Package lib has WaitGroup helpers whose effects reach callers in other
// packages through facts.
package lib

import "sync"

// Finish calls Done on every path.
func Finish(wg *sync.WaitGroup) {
	defer wg.Done()
}

// MaybeFinish calls Done on some paths only.
func MaybeFinish(wg *sync.WaitGroup, ok bool) {
	if ok {
		wg.Done()
	}
}

// Start counts itself.
func Start(wg *sync.WaitGroup) {
	wg.Add(1)
	defer wg.Done()
}

// Join waits.
func Join(wg *sync.WaitGroup) {
	wg.Wait()
}

// Copy does nothing the caller sees: the WaitGroup is a copy.
func Copy(wg sync.WaitGroup) {
	wg.Done()
}

// Ignore does nothing with the WaitGroup it is given.
func Ignore(wg *sync.WaitGroup) {}
