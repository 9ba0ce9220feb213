package a

import "time"

// A channel made in a loop body is one channel per iteration.

func perIterContinue(xs []int) error {
	for _, x := range xs {
		ch := make(chan error)
		go func() { ch <- work(x) }()
		if x < 0 {
			continue // want `continues at line \d+ without receiving from ch, made anew in each iteration: the goroutine started at line \d+ in this iteration blocks forever on its send and leaks; give ch a buffer for every sender: make\(chan error, 1\)`
		}
		if err := <-ch; err != nil {
			return err // ok: received in this iteration
		}
	}
	return nil
}

func perIterBuffered(xs []int) error {
	for _, x := range xs {
		ch := make(chan error, 1)
		go func() { ch <- work(x) }()
		if x < 0 {
			continue // ok: the send completes into the buffer
		}
		if err := <-ch; err != nil {
			return err
		}
	}
	return nil
}

func perIterReturn(xs []int) error {
	for _, x := range xs {
		ch := make(chan error)
		go func() { ch <- work(x) }()
		if x > 100 {
			return nil // want `returns at line \d+ without receiving from ch, made anew in each iteration`
		}
		if err := <-ch; err != nil {
			return err
		}
	}
	return nil
}

func perIterBreak(xs []int) error {
	var first error
	for _, x := range xs {
		done := make(chan error)
		go func() { done <- work(x) }()
		if first != nil {
			break // want `breaks out of the loop at line \d+ without receiving from done, made anew in each iteration`
		}
		first = <-done
	}
	return first
}

func perIterFallsOff(xs []int) {
	for _, x := range xs {
		ch := make(chan error)
		go func() { ch <- work(x) }()
		if x > 0 {
			<-ch
		}
	} // want `reaches the end of the loop body without receiving from ch, made anew in each iteration`
}

// Always received: every iteration waits for its own goroutine.
func perIterAlways(xs []int) error {
	for _, x := range xs {
		ch := make(chan error)
		go func() { ch <- work(x) }()
		err := <-ch
		if err != nil {
			return err // ok: this iteration's goroutine has sent
		}
		if x < 0 {
			continue // ok
		}
	}
	return nil
}

// An inner loop that breaks does not end the outer iteration.
func perIterInner(xs []int) error {
	for _, x := range xs {
		ch := make(chan error)
		go func() { ch <- work(x) }()
		for i := 0; i < x; i++ {
			if i > 3 {
				break // ok: leaves the inner loop only
			}
		}
		if err := <-ch; err != nil {
			return err
		}
	}
	return nil
}

// A timeout that moves on to the next iteration.
func perIterTimeout(xs []int) {
	for _, x := range xs {
		ch := make(chan error)
		go func() { ch <- work(x) }()
		select {
		case err := <-ch:
			_ = err
		case <-time.After(time.Second):
			continue // want `when the case <-time.After\(time.Second\) is selected, continues at line \d+ without receiving from ch, made anew in each iteration`
		}
	}
}

// Both sides give up on the timeout.
func perIterBothTimeout(xs []int) {
	for _, x := range xs {
		ch := make(chan error)
		go func() {
			select {
			case ch <- work(x):
			case <-time.After(time.Second):
			}
		}()
		select {
		case err := <-ch:
			_ = err
		case <-time.After(time.Second):
			continue // ok: the sender gives up too
		}
	}
}

// A labeled continue to the outer loop ends the inner iteration.
func perIterLabeled(xss [][]int) {
Outer:
	for _, xs := range xss {
		for _, x := range xs {
			ch := make(chan error)
			go func() { ch <- work(x) }()
			if x < 0 {
				continue Outer // want `leaves the iteration at line \d+ without receiving from ch, made anew in each iteration`
			}
			<-ch
		}
	}
}

// A channel made by the init statement of a loop is one channel for the
// whole loop.
func initChan(xs []int) int {
	n := 0
	for ch := make(chan int); n < len(xs); n++ {
		go func() { ch <- xs[n] }()
		if xs[n] < 0 {
			continue // ok: not a channel per iteration (the next iteration receives)
		}
		<-ch
	}
	return n
}
