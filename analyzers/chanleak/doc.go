// Package chanleak defines an Analyzer that reports goroutines left blocked
// forever on a channel that the other side stopped using.
//
// # Analyzer chanleak
//
// chanleak: report goroutines blocked forever on a channel
//
// A goroutine that sends its result on an unbuffered channel blocks until
// someone receives it. When the receiver has already left (it returned on
// an error, it selected ctx.Done() or a timer, or it received fewer values
// than there are senders), the sender blocks forever: the goroutine and
// everything it references leak. The check follows channels made in a
// function and handed only to goroutines started there, each of which
// sends once (or receives once); it reports a return of the function
// reached without enough receives (or without a send or close, for a
// receiving goroutine). Buffered channels with room for every sender, sends
// in a select, and main, whose return ends the program, are not reported.
//
// It also reports (cancel-never-called) a context made by
// context.WithCancel from context.Background or TODO whose cancel func is
// kept only in an unexported struct field that no function of the
// package calls, passes on or returns, while a goroutine of the package
// waits on the context's Done and can return only after it: the context
// is never cancelled and the goroutine never ends. The finding is at the
// store of the cancel func; calling it in a Close or Stop method fixes it.
//
// When the number of senders is clear (1 for one goroutine, len(xs) for a
// goroutine per element of xs), the suggested fix gives the channel that
// capacity, so that every send completes even if no one receives.
//
// Bad:
//
//	func fetch(ctx context.Context) (string, error) {
//		ch := make(chan string)
//		go func() { ch <- slowCall() }()
//		select {
//		case s := <-ch:
//			return s, nil
//		case <-ctx.Done():
//			return "", ctx.Err() // the goroutine blocks on ch forever
//		}
//	}
//
// Good:
//
//	func fetch(ctx context.Context) (string, error) {
//		ch := make(chan string, 1)
//		go func() { ch <- slowCall() }()
//		select {
//		case s := <-ch:
//			return s, nil
//		case <-ctx.Done():
//			return "", ctx.Err()
//		}
//	}
package chanleak
