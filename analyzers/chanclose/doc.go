// Package chanclose defines an Analyzer that reports channel closes and
// operations that panic or block forever.
//
// # Analyzer chanclose
//
// chanclose: report double closes, sends after close and nil channels
//
// Closing a closed channel panics, and so does sending on a closed
// channel. The check reports, within a function, a close reached again
// after a close of the same channel (also through a deferred close, or in a
// loop), and a send reached after a close of the channel. It reports a
// close, by the function that starts goroutines sending on a channel, that
// comes right after starting them, with no wait in between: the receiving
// side closes while senders may still send, and their sends panic. Only
// the senders should close, once they are all done. It reports the same
// for a channel field (unexported, every use seen by the package): a close
// by a function that does not wait first, while a goroutine of the
// package sends on the field in a loop it never leaves, with nothing on
// the loop that blocks but the send and no lock taken. A close by a callee
// that closes its channel parameter on every path (known across packages
// through facts) counts as a close at the call. Finally, it reports
// sends, receives, ranges and closes on a local channel variable that is
// declared without a value and never assigned: it is nil, so the operation
// blocks forever (close panics). Select cases on nil channels are a known
// idiom and are not reported. Functions that recover from panics are not
// judged.
//
// Bad:
//
//	for _, x := range xs {
//		go func() { out <- f(x) }()
//	}
//	close(out) // the sends panic
//
// Good:
//
//	for _, x := range xs {
//		wg.Add(1)
//		go func() { defer wg.Done(); out <- f(x) }()
//	}
//	go func() { wg.Wait(); close(out) }()
package chanclose
