// Package unjoinedgo defines an Analyzer that reports goroutines started by
// main or by a test that may still be running when that function returns.
//
// # Analyzer unjoinedgo
//
// unjoinedgo: report goroutines that main or a test does not wait for
//
// When main.main returns, the program exits at once and every goroutine
// still running is killed mid-work: output is lost, files are half written.
// When a test function (TestXxx, BenchmarkXxx, FuzzXxx or a t.Run body)
// returns while a goroutine it started still uses t, a later t.Errorf or
// t.Log panics with "Log in goroutine after Test has completed", and a
// failure reported by the goroutine is lost.
//
// The check follows every path of the function's control-flow graph from
// the go statement (or sync.WaitGroup.Go, errgroup.Group.Go) to a return.
// A path is joined when it waits: a WaitGroup or errgroup Wait, a channel
// receive or send, a select without default, a range over a channel,
// sync.Cond.Wait, reading standard input, serving HTTP, or a call to a
// function that does one of these (known across packages through facts). A
// deferred wait, or one registered with t.Cleanup, joins every path. Paths
// that end in os.Exit, log.Fatal, panic, t.Fatal or an endless loop do not
// return and are not reported. Goroutines that never finish by design (an
// endless loop, a ticker loop, a server) are not reported either, and in
// tests only goroutines that use the test's t, b or f are reported.
//
// Bad:
//
//	func main() {
//		go worker()
//		fmt.Println("exiting") // main returns: worker is killed
//	}
//
// Good:
//
//	func main() {
//		var wg sync.WaitGroup
//		wg.Go(worker)
//		wg.Wait()
//		fmt.Println("exiting")
//	}
package unjoinedgo
