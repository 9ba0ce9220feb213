// Package rangeclose defines an Analyzer that reports ranges over channels
// that no one closes.
//
// # Analyzer rangeclose
//
// rangeclose: report ranges over channels that are never closed
//
// A for range loop over a channel ends only when the channel is closed and
// drained. When no code closes the channel once its senders are done, the
// loop waits forever after the last value: the goroutine running it leaks,
// or, in main, the program dies with "all goroutines are asleep". The
// check follows channels made in a function and handed only to goroutines
// started there; it reports a range over such a channel when nothing
// closes it, and when the only close is in the same goroutine after the
// loop (or deferred), so that it is never reached. Loops that can leave by
// break or return are not reported. Close the channel in the sender once it
// is done (defer close(out) in a pipeline stage), or in a goroutine that
// waits for all senders (wg.Wait(); close(out)).
//
// Bad:
//
//	for _, x := range xs {
//		wg.Add(1)
//		go func() { defer wg.Done(); out <- f(x) }()
//	}
//	for v := range out { // never ends
//		use(v)
//	}
//	wg.Wait()
//	close(out)
//
// Good:
//
//	for _, x := range xs {
//		wg.Add(1)
//		go func() { defer wg.Done(); out <- f(x) }()
//	}
//	go func() { wg.Wait(); close(out) }()
//	for v := range out {
//		use(v)
//	}
package rangeclose
