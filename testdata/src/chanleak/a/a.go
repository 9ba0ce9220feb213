package a

import (
	"context"
	"errors"
	"sync"
	"time"
)

func slow() string { return "x" }

func work(x int) error { return nil }

// The parent selects on ctx.Done(): the sender is left behind.
func ctxLeak(ctx context.Context) (string, error) {
	ch := make(chan string)
	go func() { ch <- slow() }()
	select {
	case s := <-ch:
		return s, nil
	case <-ctx.Done():
		return "", ctx.Err() // want `when the case <-ctx.Done\(\) is selected, returns at line \d+ without receiving from ch: the goroutine started at line \d+ blocks forever on its send and leaks; give ch a buffer for every sender: make\(chan string, 1\)`
	}
}

// A timer instead of the context.
func timerLeak() (string, error) {
	ch := make(chan string)
	go func() {
		ch <- slow()
	}()
	select {
	case s := <-ch:
		return s, nil
	case <-time.After(time.Second):
		return "", errors.New("timeout") // want `when the case <-time.After\(time.Second\) is selected, returns at line \d+ without receiving from ch`
	}
}

// A buffer of one is room for the one sender.
func ctxBuffered(ctx context.Context) (string, error) {
	ch := make(chan string, 1)
	go func() { ch <- slow() }()
	select {
	case s := <-ch:
		return s, nil
	case <-ctx.Done():
		return "", ctx.Err() // ok: the send completes into the buffer
	}
}

// The sender selects on ctx.Done() too.
func ctxBothSides(ctx context.Context) (string, error) {
	ch := make(chan string)
	go func() {
		select {
		case ch <- slow():
		case <-ctx.Done():
		}
	}()
	select {
	case s := <-ch:
		return s, nil
	case <-ctx.Done():
		return "", ctx.Err() // ok: the sender gives up on ctx.Done() as well
	}
}

// An early return before the receive.
func earlyReturn(x int) (string, error) {
	ch := make(chan string)
	go func() { ch <- slow() }()
	if x < 0 {
		return "", errors.New("negative") // want `returns at line \d+ without receiving from ch: the goroutine started at line \d+ blocks forever`
	}
	return <-ch, nil
}

func earlyReturnOK(x int) (string, error) {
	ch := make(chan string)
	go func() { ch <- slow() }()
	s := <-ch
	if x < 0 {
		return "", errors.New("negative") // ok: received first
	}
	return s, nil
}

// A receive loop that returns on the first error leaves the other workers
// blocked.
func firstError(xs []int) error {
	errc := make(chan error)
	for _, x := range xs {
		go func() { errc <- work(x) }()
	}
	for range xs {
		if err := <-errc; err != nil {
			return err // want `returns at line \d+ leaving the receive loop early: the goroutines started at line \d+ that have not sent yet block forever on errc and leak; give errc a buffer for every sender: make\(chan error, len\(xs\)\)`
		}
	}
	return nil
}

func firstErrorSized(xs []int) error {
	errc := make(chan error, len(xs))
	for _, x := range xs {
		go func() { errc <- work(x) }()
	}
	for range xs {
		if err := <-errc; err != nil {
			return err // ok: every sender has room in the buffer
		}
	}
	return nil
}

func allResults(xs []int) error {
	errc := make(chan error)
	for _, x := range xs {
		go func() { errc <- work(x) }()
	}
	var first error
	for range xs {
		if err := <-errc; err != nil && first == nil {
			first = err // ok: keeps receiving
		}
	}
	return first
}

// Fewer receives than senders.
func firstOfTwo() string {
	ch := make(chan string)
	go func() { ch <- slow() }()
	go func() { ch <- slow() }()
	return <-ch // want `returns at line \d+ after 1 of 2 receives from ch: the other goroutines started at line \d+ block forever on their sends and leak; give ch a buffer for every sender: make\(chan string, 2\)`
}

func bothOfTwo() string {
	ch := make(chan string)
	go func() { ch <- slow() }()
	go func() { ch <- slow() }()
	return <-ch + <-ch // ok: two receives
}

// First response of many.
func first(replicas []string) string {
	ch := make(chan string)
	for _, r := range replicas {
		go func() { ch <- r }()
	}
	return <-ch // want `returns at line \d+ after one receive from ch: the other goroutines started at line \d+, one per iteration, block forever on their sends and leak; give ch a buffer for every sender: make\(chan string, len\(replicas\)\)`
}

// A named worker function: its summary says it sends once.
func send(ch chan<- string) { ch <- slow() }

func named(ctx context.Context) string {
	ch := make(chan string)
	go send(ch)
	select {
	case s := <-ch:
		return s
	case <-ctx.Done():
		return "" // want `when the case <-ctx.Done\(\) is selected, returns at line \d+ without receiving from ch`
	}
}

// A goroutine waiting for a message that the parent forgets to send.
func receiverLeak(x int) error {
	start := make(chan int)
	go func() {
		n := <-start
		_ = n
	}()
	if x < 0 {
		return errors.New("negative") // want `returns at line \d+ without sending on or closing start: the goroutine started at line \d+ blocks forever receiving from it and leaks`
	}
	start <- x
	return nil
}

func receiverClosed(x int) error {
	start := make(chan int)
	defer close(start)
	go func() {
		n := <-start
		_ = n
	}()
	if x < 0 {
		return errors.New("negative") // ok: close releases the receiver
	}
	start <- x
	return nil
}

// The parent waits for the goroutine in another way after the timeout.
func waitsAnyway(ctx context.Context) string {
	var wg sync.WaitGroup
	ch := make(chan string)
	wg.Add(1)
	go func() {
		defer wg.Done()
		ch <- slow()
	}()
	select {
	case s := <-ch:
		return s
	case <-ctx.Done():
		wg.Wait() // ok for chanleak: this deadlocks, it does not leak
		return ""
	}
}

// Non-blocking send: a select with a default.
func nonBlocking(ctx context.Context) string {
	ch := make(chan string)
	go func() {
		select {
		case ch <- slow():
		default:
		}
	}()
	select {
	case s := <-ch:
		return s
	case <-ctx.Done():
		return "" // ok: the sender never blocks
	}
}

// A done channel closed by the worker after its send.
func doneChannel(ctx context.Context) (string, bool) {
	ch := make(chan string)
	done := make(chan struct{})
	go func() {
		defer close(done)
		ch <- slow()
	}()
	select {
	case s := <-ch:
		return s, true
	case <-done:
		return "", false // ok: done is closed only after the send completed
	}
}

// The channel is handed to another function: someone else may receive.
func handedOn(ctx context.Context, sink func(chan string)) string {
	ch := make(chan string)
	go func() { ch <- slow() }()
	sink(ch)
	select {
	case s := <-ch:
		return s
	case <-ctx.Done():
		return "" // ok: sink may receive
	}
}

// Three goroutines, each followed by its receive (runtime/pprof's test).
func sequential() {
	sync := make(chan struct{})
	go func() { sync <- struct{}{} }()
	<-sync
	go func() { sync <- struct{}{} }()
	<-sync
	go func() { sync <- struct{}{} }()
	<-sync // ok: one receive per goroutine
}

// A select case on a channel no one else uses never fires.
func deadCase() {
	c := make(chan bool)
	c2 := make(chan bool)
	go func() { <-c }()
	select {
	case c <- true:
	case c2 <- true: // ok: c2 has no receiver, this case cannot be taken
	}
}

// Sends from a loop whose exits depend on other events (net/http's test).
func loopSends(gotReq, sawClose chan bool) {
	diec := make(chan bool)
	go func() { <-diec }()
For:
	for {
		select {
		case <-gotReq:
			diec <- true
		case <-sawClose:
			break For // ok: not judged, the loop's exits depend on other events
		}
	}
}

// The timeout case falls through to the end of the function.
func timeoutFallsThrough() {
	c := make(chan error)
	go func() { c <- work(1) }()
	select {
	case err := <-c:
		_ = err
	case <-time.After(time.Second):
	}
} // want `when the case <-time.After\(time.Second\) is selected, returns at the end of timeoutFallsThrough without receiving from c`

// A goroutine started on one branch only.
func conditional(x int) string {
	ch := make(chan string)
	if x > 0 {
		go func() { ch <- slow() }()
		return <-ch // ok
	}
	return ""
}

// Two goroutines started by a loop with a constant count, two receives.
func twoInLoop() {
	c := make(chan bool)
	for g := 0; g < 2; g++ {
		go func() { c <- true }()
	}
	<-c
	<-c // ok: one receive per goroutine
}
