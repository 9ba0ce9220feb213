// Package limitations records what chanleak does not report.
package limitations

import "context"

type server struct{ results chan int }

// A channel in a struct field: the check follows local channels only.
func (s *server) fetch(ctx context.Context) int {
	go func() { s.results <- 1 }()
	select {
	case v := <-s.results:
		return v
	case <-ctx.Done():
		return 0 // ok: a leak, but s.results is a field (not followed)
	}
}

// A buffer smaller than the number of senders started in a loop.
func smallBuffer(xs []int) int {
	ch := make(chan int, 1)
	for _, x := range xs {
		go func() { ch <- x }()
	}
	return <-ch // ok: leaks when len(xs) > 2, but the count is not known
}

// A sender that sends in a loop (several messages).
func stream(ctx context.Context) int {
	ch := make(chan int)
	go func() {
		for i := range 3 {
			ch <- i
		}
	}()
	select {
	case v := <-ch:
		return v
	case <-ctx.Done():
		return 0 // ok: a leak, but multi-message protocols are not followed
	}
}

// A for loop without a condition that returns once it has counted every
// result cannot be told apart from one that leaves early.
func forever(n int) error {
	errc := make(chan error)
	for i := 0; i < n; i++ {
		go func() { errc <- nil }()
	}
	got := 0
	for {
		if err := <-errc; err != nil {
			return err // ok: a leak, but for {} exits are not judged
		}
		got++
		if got == n {
			return nil
		}
	}
}

// A producer into a buffered channel: whether the values left fit in the
// buffer is not known.
func bufferedProducer(xs []int) int {
	ch := make(chan int, 4)
	go func() {
		defer close(ch)
		for _, x := range xs {
			ch <- x
		}
	}()
	for v := range ch {
		if v < 0 {
			return v // ok: leaks when more than 4 values are left, not judged
		}
	}
	return 0
}

// A goroutine per iteration of a loop nested in the one that makes the
// channel: not counted per iteration.
func nestedPerIteration(xss [][]int) {
	for _, xs := range xss {
		ch := make(chan int)
		for _, x := range xs {
			go func() { ch <- x }()
		}
		if len(xs) > 3 {
			continue // ok: a leak, but the senders of a nested loop are not counted here
		}
		for range xs {
			<-ch
		}
	}
}
