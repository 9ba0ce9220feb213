// Package sleepjoin defines an Analyzer that reports time.Sleep used in
// place of waiting for a goroutine.
//
// # Analyzer sleepjoin
//
// sleepjoin: report time.Sleep used to wait for a goroutine
//
// Sleeping does not wait for a goroutine: it guesses how long the
// goroutine needs. On a loaded machine, under the race detector or in CI the
// guess is wrong, main exits (or the test returns) while the goroutine is
// still working, and its work is lost. A sleep placed before the go
// statement waits for nothing at all, because the goroutine has not started
// yet.
//
// The check reports a time.Sleep (or a receive from time.After) in main.main
// or a test function when it lies on a path from a go statement to a return
// on which nothing joins the goroutine (the paths that the unjoinedgo check
// reports), and a sleep that comes before such a go statement. Sleeps inside
// loops (retries, polling, backoff), sleeps inside the goroutine itself and
// sleeps on paths that also join are not reported.
//
// Bad:
//
//	func main() {
//		go worker()
//		time.Sleep(time.Second) // hopes worker is done by then
//	}
//
// Good:
//
//	func main() {
//		var wg sync.WaitGroup
//		wg.Go(worker)
//		wg.Wait()
//	}
package sleepjoin
