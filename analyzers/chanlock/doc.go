// Package chanlock defines an Analyzer that reports channel operations
// made while holding a mutex that the goroutine on the other end needs.
//
// # Analyzer chanlock
//
// chanlock: report channel operations that wait while holding a lock
//
// A goroutine that holds a mutex and then blocks on a channel operation
// waits for the goroutine on the other end. If that goroutine must lock the
// same mutex before it reaches the matching operation, neither can
// proceed: both block forever. The check follows a function that locks a
// mutex and, still holding it, sends on or receives from a local channel,
// and the goroutines it starts (function literals) that lock the same mutex
// on every path to their matching receive or send. Sends on buffered
// channels are not reported. Release the mutex before the channel
// operation, or have the other goroutine operate on the channel before it
// locks.
//
// Bad:
//
//	mu.Lock()
//	go func() {
//		mu.Lock()
//		state++
//		mu.Unlock()
//		done <- true
//	}()
//	<-done // holds mu: the goroutine never gets it
//	mu.Unlock()
//
// Good:
//
//	go func() {
//		mu.Lock()
//		state++
//		mu.Unlock()
//		done <- true
//	}()
//	<-done
//	mu.Lock()
//	defer mu.Unlock()
package chanlock
