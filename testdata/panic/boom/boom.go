// Package boom is where the test-only analyzer panicky panics (see
// cmd/wglint/panichook.go); the real checks must still report its
// WaitGroup passed by value.
package boom

import "sync"

// Wait takes its WaitGroup by value: wgcopy reports it.
func Wait(wg sync.WaitGroup) {
	wg.Wait()
}
