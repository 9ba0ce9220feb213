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
// A goroutine sends once when no path of it passes two sends (one send per
// branch of an if), and a send followed by a close is one message too. A
// channel made in a loop body is one channel per iteration: an iteration
// that continues, breaks or returns without receiving from its own
// channel leaves its goroutine blocked. A goroutine that sends many values
// into a range loop is left blocked on its next send when the loop returns
// or breaks early and nothing drains the channel, unless it also selects
// on a done channel. A function that returns an unbuffered channel on
// which a goroutine it starts sends (a fact, so that this works across
// packages) leaks that goroutine when a caller drops the result: a call
// statement, or _ = f(). The check stays silent when it does not see every
// party of the channel: a channel stored, passed to code it does not
// follow, or used by a callback.
//
// It also reports (cancel-never-called) a context made by
// context.WithCancel from context.Background or TODO whose cancel func is
// kept only in an unexported struct field that no function of the
// package calls, passes on or returns, while a goroutine of the package
// waits on the context's Done and can return only after it: the context
// is never cancelled and the goroutine never ends. The finding is at the
// store of the cancel func; calling it in a Close or Stop method fixes it.
//
// And it reports (cancel-dropped) a call that drops the result (a call
// statement, or _ = f()) of a function whose result holds, in such an
// unexported field, the only cancel func of such a context, while a
// goroutine the function starts on every path that returns the value
// waits on the context's Done and can return only after it: the cancel
// func is called (by a Stop or Close method), but once the value is
// dropped nothing can call it, and the goroutine never ends. The check
// stays silent when the value or the cancel func may be kept elsewhere
// (stored, passed on, used by a method value), when the goroutine or a
// method it calls may cancel the context itself, and for calls through a
// func value; a result kept in a variable is not followed further. A fact
// carries the rule to callers in other packages.
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
