package a

import "sync"

func twice(done chan struct{}) {
	close(done)
	close(done) // want `done is closed again \(closed at line 6\): closing a closed channel panics; close it once, in the goroutine that owns it`
}

func deferredAndExplicit() {
	ch := make(chan int)
	defer close(ch)
	go func() {
		for range ch {
		}
	}()
	ch <- 1
	close(ch) // want `ch is closed here and again by the deferred close at line 12 when the function returns`
}

func inLoop(xs []int) {
	ch := make(chan int, len(xs))
	for _, x := range xs {
		ch <- x
		close(ch) // want `ch is closed in a loop: the second iteration closes it again and panics; close it once, after the loop`
	}
}

func onceOnly(xs []int) {
	ch := make(chan int, len(xs))
	for _, x := range xs {
		ch <- x
	}
	close(ch) // ok: closed once, after the loop
}

func reassigned(n int) {
	for range n {
		ch := make(chan int)
		close(ch) // ok: a new channel each iteration
	}
	var ch chan int
	ch = make(chan int)
	close(ch) // ok
	ch = make(chan int)
	close(ch) // ok: another channel
}

func sendAfter() {
	ch := make(chan int, 1)
	close(ch)
	ch <- 1 // want `send on ch after it is closed at line 51: a send on a closed channel panics; send before closing`
}

func sendBefore() {
	ch := make(chan int, 1)
	ch <- 1
	close(ch) // ok
}

// Recovering from the panic is deliberate.
func safeClose(ch chan int) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	close(ch)
	close(ch) // ok: the function recovers
	return true
}

// The receiving side closes right after starting the senders.
func receiverCloses(xs []int) {
	out := make(chan int, len(xs))
	for _, x := range xs {
		go func() { out <- x }()
	}
	close(out) // want `out is closed while the goroutine started at line 77 may still send on it: its send panics on the closed channel; close out after the senders are done \(wg.Wait\(\); close\(out\)\), or let the sender close it`
}

func closesAfterWait(xs []int) {
	var wg sync.WaitGroup
	out := make(chan int, len(xs))
	for _, x := range xs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out <- x
		}()
	}
	wg.Wait()
	close(out) // ok: every sender is done
}

func closesInWaiter(xs []int) <-chan int {
	var wg sync.WaitGroup
	out := make(chan int)
	for _, x := range xs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out <- x
		}()
	}
	go func() {
		wg.Wait()
		close(out) // ok: closed by a goroutine that waits for the senders
	}()
	return out
}

// Nil channels.
func nilSend() {
	var ch chan int
	ch <- 1 // want `send on ch, which is nil \(declared at line 115 and never assigned\): it blocks forever; make it with make\(chan int\)`
}

func nilRecv() int {
	var ch chan int
	return <-ch // want `receive on ch, which is nil`
}

func nilClose() {
	var done chan struct{}
	close(done) // want `close on done, which is nil \(declared at line 125 and never assigned\): closing a nil channel panics`
}

func nilInSelect(in chan int) int {
	var never chan int
	select {
	case v := <-in:
		return v
	case v := <-never: // ok: a nil channel disables the case
		return v
	}
}

func assignedLater(cond bool) {
	var ch chan int
	if cond {
		ch = make(chan int, 1)
	}
	ch <- 1 // ok for this check: assigned on some path
}

// A close under a condition inside a loop runs in one iteration.
func tick(n int) {
	cancel := make(chan struct{})
	for i := 0; i < n; i++ {
		if i == 3 {
			close(cancel) // ok: once, when i is 3
		}
	}
}

// Two guarded closes.
func guarded(a, b bool) {
	ch := make(chan int)
	if a {
		close(ch)
	}
	if b {
		close(ch) // ok: the guards may exclude each other
	}
}

// Closing a stop channel that the goroutine selects on is a broadcast.
func broadcast(work func()) {
	stop := make(chan struct{})
	go func() {
		for {
			select {
			case <-stop:
				return
			default:
				work()
			}
		}
	}()
	close(stop) // ok: the goroutine only receives from stop
}
