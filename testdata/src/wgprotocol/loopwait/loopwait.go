// Package loopwait holds Waits that wait for a goroutine blocked, before
// its Done, on a channel that only the waiting function serves, after the
// Wait (wait-blocked), next to their silent twins.
package loopwait

import (
	"context"
	"sync"
)

// Wait inside the loop that starts the goroutine it waits for.
func loopWait(xs []int) []int {
	var wg sync.WaitGroup
	ch := make(chan int)
	var out []int
	for _, x := range xs {
		wg.Add(1)
		go func() { defer wg.Done(); ch <- x * 2 }()
		wg.Wait() // want `wg.Wait blocks forever: the goroutine started at line 18 sends on ch \(line 18\) before its Done, and only loopWait receives from ch, after this Wait; receive from ch before waiting, or call Wait once after the loop, in a goroutine that then closes ch`
	}
	for range xs {
		out = append(out, <-ch)
	}
	return out
}

// The same without a loop.
func straight() int {
	var wg sync.WaitGroup
	ch := make(chan int)
	wg.Add(1)
	go func() { defer wg.Done(); ch <- 1 }()
	wg.Wait() // want `wg.Wait blocks forever: the goroutine started at line 32 sends on ch \(line 32\) before its Done, and only straight receives from ch, after this Wait; receive from ch before waiting$`
	return <-ch
}

// A constant capacity of 0 is unbuffered; Done without defer after the send.
func zeroCap() int {
	var wg sync.WaitGroup
	ch := make(chan int, 0)
	wg.Add(1)
	go func() {
		ch <- 1
		wg.Done()
	}()
	wg.Wait() // want `wg.Wait blocks forever`
	return <-ch
}

// The goroutine receives; the function sends only after the Wait.
func receiver() {
	var wg sync.WaitGroup
	ch := make(chan int)
	wg.Add(1)
	go func() {
		defer wg.Done()
		for v := range ch {
			_ = v
		}
	}()
	wg.Wait() // want `wg.Wait blocks forever: the goroutine started at line 55 receives from ch \(line 57\) before its Done, and only receiver sends on or closes ch, after this Wait; send on or close ch before waiting`
	ch <- 1
	close(ch)
}

// WaitGroup.Go calls Done when the function returns.
func withGo() int {
	var wg sync.WaitGroup
	ch := make(chan int)
	wg.Go(func() { ch <- 1 })
	wg.Wait() // want `wg.Wait blocks forever`
	return <-ch
}

// A named worker, the channel and WaitGroup passed as arguments.
func worker(ch chan<- int, wg *sync.WaitGroup, x int) {
	defer wg.Done()
	ch <- x
}

func named(xs []int) int {
	var wg sync.WaitGroup
	ch := make(chan int)
	n := 0
	for _, x := range xs {
		wg.Add(1)
		go worker(ch, &wg, x)
		wg.Wait() // want `wg.Wait blocks forever: the goroutine started at line 87 sends on ch \(line 78\)`
		n += <-ch
	}
	return n
}

// The field form, the goroutine a method.
type S struct {
	wg sync.WaitGroup
	ch chan int
}

func NewS() *S { return &S{ch: make(chan int)} }

func (s *S) work(x int) { defer s.wg.Done(); s.ch <- x }

func (s *S) Run(xs []int) int {
	n := 0
	for _, x := range xs {
		s.wg.Add(1)
		go s.work(x)
		s.wg.Wait() // want `s.wg.Wait blocks forever: the goroutine started at line 108 sends on s.ch \(line 102\) before its Done, and only Run receives from s.ch, after this Wait`
		n += <-s.ch
	}
	return n
}

// Silent twins.

// A buffered channel: the send completes into the buffer.
func buffered() int {
	var wg sync.WaitGroup
	ch := make(chan int, 1)
	wg.Add(1)
	go func() { defer wg.Done(); ch <- 1 }()
	wg.Wait()
	return <-ch
}

// A capacity the model does not know.
func bufferedN(xs []int) int {
	var wg sync.WaitGroup
	ch := make(chan int, len(xs))
	for _, x := range xs {
		wg.Add(1)
		go func() { defer wg.Done(); ch <- x }()
	}
	wg.Wait()
	n := 0
	for range xs {
		n += <-ch
	}
	return n
}

// Another goroutine, started before the Wait, receives.
func otherReceiver(xs []int) int {
	var wg sync.WaitGroup
	ch := make(chan int)
	done := make(chan int)
	go func() {
		n := 0
		for v := range ch {
			n += v
		}
		done <- n
	}()
	for _, x := range xs {
		wg.Add(1)
		go func() { defer wg.Done(); ch <- x }()
		wg.Wait()
	}
	close(ch)
	return <-done
}

// The correct form: receive, then wait.
func receiveFirst(xs []int) int {
	var wg sync.WaitGroup
	ch := make(chan int)
	n := 0
	for _, x := range xs {
		wg.Add(1)
		go func() { defer wg.Done(); ch <- x }()
		n += <-ch
		wg.Wait()
	}
	return n
}

// Wait after the loop, in a goroutine that closes the channel.
func waitAfterLoop(xs []int) int {
	var wg sync.WaitGroup
	ch := make(chan int)
	for _, x := range xs {
		wg.Add(1)
		go func() { defer wg.Done(); ch <- x }()
	}
	go func() { wg.Wait(); close(ch) }()
	n := 0
	for v := range ch {
		n += v
	}
	return n
}

// The send is a case of a select with default.
func selectDefault() int {
	var wg sync.WaitGroup
	ch := make(chan int)
	wg.Add(1)
	go func() {
		defer wg.Done()
		select {
		case ch <- 1:
		default:
		}
	}()
	wg.Wait()
	select {
	case v := <-ch:
		return v
	default:
		return 0
	}
}

// The send is a case of a select that the context can end.
func selectCtx(ctx context.Context) int {
	var wg sync.WaitGroup
	ch := make(chan int)
	wg.Add(1)
	go func() {
		defer wg.Done()
		select {
		case ch <- 1:
		case <-ctx.Done():
		}
	}()
	wg.Wait()
	return <-ch
}

// The channel escapes to a function the model does not see.
var sink func(chan int)

func escapes() int {
	var wg sync.WaitGroup
	ch := make(chan int)
	sink(ch)
	wg.Add(1)
	go func() { defer wg.Done(); ch <- 1 }()
	wg.Wait()
	return <-ch
}

// The channel is returned: the caller may receive from it.
func returned() chan int {
	var wg sync.WaitGroup
	ch := make(chan int)
	wg.Add(1)
	go func() { defer wg.Done(); ch <- 1 }()
	wg.Wait()
	return ch
}

// The channel lives in an exported field: other packages may receive.
type Pub struct {
	wg sync.WaitGroup
	Ch chan int
}

func (p *Pub) work() { defer p.wg.Done(); p.Ch <- 1 }

func (p *Pub) Run() int {
	p.wg.Add(1)
	go p.work()
	p.wg.Wait()
	return <-p.Ch
}

// The field is received from in another method too.
type T struct {
	wg sync.WaitGroup
	ch chan int
}

func (t *T) work() { defer t.wg.Done(); t.ch <- 1 }

func (t *T) Run() int {
	t.wg.Add(1)
	go t.work()
	t.wg.Wait()
	return <-t.ch
}

func (t *T) Drain() int { return <-t.ch }

// The field may be made with a buffer.
type B struct {
	wg sync.WaitGroup
	ch chan int
}

func NewB(n int) *B { return &B{ch: make(chan int, n)} }

func (b *B) work() { defer b.wg.Done(); b.ch <- 1 }

func (b *B) Run() int {
	b.wg.Add(1)
	go b.work()
	b.wg.Wait()
	return <-b.ch
}

// The goroutine calls something the model cannot resolve before its
// send: it may call Done, or return.
func unknownFirst(f func()) int {
	var wg sync.WaitGroup
	ch := make(chan int)
	wg.Add(1)
	go func() {
		defer wg.Done()
		f()
		ch <- 1
	}()
	wg.Wait()
	return <-ch
}

// The goroutine sends on one path only.
func somePaths(b bool) int {
	var wg sync.WaitGroup
	ch := make(chan int)
	wg.Add(1)
	go func() {
		defer wg.Done()
		if b {
			ch <- 1
		}
	}()
	wg.Wait()
	if b {
		return <-ch
	}
	return 0
}

// The goroutine calls Done before the send.
func doneFirst() int {
	var wg sync.WaitGroup
	ch := make(chan int)
	wg.Add(1)
	go func() {
		wg.Done()
		ch <- 1
	}()
	wg.Wait()
	return <-ch
}

// The receive may run before the Wait on some iterations.
func receiveSometimes(xs []int) int {
	var wg sync.WaitGroup
	ch := make(chan int)
	n := 0
	for i, x := range xs {
		wg.Add(1)
		go func() { defer wg.Done(); ch <- x }()
		if i%2 == 0 {
			n += <-ch
		}
		wg.Wait()
	}
	return n
}

// The WaitGroup does not count the goroutine (no Add before it).
func notCounted() int {
	var wg sync.WaitGroup
	ch := make(chan int)
	go func() { ch <- 1 }()
	wg.Wait()
	return <-ch
}

// The field form of the issue, never made: a nil channel blocks too.
type Nil struct {
	wg sync.WaitGroup
	ch chan int
}

func (s *Nil) work(x int) { defer s.wg.Done(); s.ch <- x }

func (s *Nil) Run(xs []int) int {
	n := 0
	for _, x := range xs {
		s.wg.Add(1)
		go s.work(x)
		s.wg.Wait() // want `s.wg.Wait blocks forever: the goroutine started at line 386 sends on s.ch \(line 380\)`
		n += <-s.ch
	}
	return n
}

// The field is received from by a goroutine started before the Wait.
type R struct {
	wg sync.WaitGroup
	ch chan int
}

func (r *R) work() { defer r.wg.Done(); r.ch <- 1 }

func (r *R) Run(out chan<- int) {
	go func() { out <- <-r.ch }()
	r.wg.Add(1)
	go r.work()
	r.wg.Wait()
}

// The channel is closed before the goroutine starts: its receive returns.
func closedBefore() {
	var wg sync.WaitGroup
	ch := make(chan int)
	close(ch)
	wg.Add(1)
	go func() { defer wg.Done(); <-ch }()
	wg.Wait()
}

// A value is buffered before the goroutine starts.
func bufferedBefore() {
	var wg sync.WaitGroup
	ch := make(chan int, 1)
	ch <- 1
	wg.Add(1)
	go func() { defer wg.Done(); <-ch }()
	wg.Wait()
	ch <- 2
}

// A limitation: each iteration makes its own channel, and sends on it
// after the Wait, but the model does not tell the channels of two
// iterations apart: the send of one iteration may have filled the buffer
// of the next one's, so the receive is not judged.
func perIteration(xs []int) {
	var wg sync.WaitGroup
	for range xs {
		ch := make(chan int)
		wg.Add(1)
		go func() { defer wg.Done(); <-ch }()
		wg.Wait()
		ch <- 1
	}
}
