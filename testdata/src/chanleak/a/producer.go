package a

import (
	"context"
	"errors"
)

// A producer sends many values into a range loop that returns early.

func consumeError(xs []int) error {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for _, x := range xs {
			ch <- x
		}
	}()
	for v := range ch {
		if v < 0 {
			return errors.New("negative") // want `returns at line \d+ leaving the range over ch at line \d+ early: the goroutine started at line \d+, which sends many values on ch, blocks forever on its next send and leaks; drain ch before returning \(for range ch \{\}\) or have the goroutine also select on a done channel or ctx.Done\(\)`
		}
	}
	return nil
}

func consumeCtx(ctx context.Context, xs []int) int {
	ch := make(chan int)
	go func() {
		for _, x := range xs {
			ch <- x
		}
		close(ch)
	}()
	sum := 0
	for v := range ch {
		select {
		case <-ctx.Done():
			return sum // want `when the case <-ctx.Done\(\) is selected, returns at line \d+ leaving the range over ch at line \d+ early`
		default:
		}
		sum += v
	}
	return sum
}

func consumeBreak(xs []int) int {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for _, x := range xs {
			ch <- x
		}
	}()
	n := 0
	for v := range ch {
		if v == 0 {
			break
		}
		n++
	}
	return n // want `returns at line \d+ leaving the range over ch at line \d+ early`
}

// The producer selects on ctx.Done() too: it gives up when the consumer
// cancels.
func consumeCancel(ctx context.Context, xs []int) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	ch := make(chan int)
	go func() {
		defer close(ch)
		for _, x := range xs {
			select {
			case ch <- x:
			case <-ctx.Done():
				return
			}
		}
	}()
	for v := range ch {
		if v < 0 {
			return errors.New("negative") // ok: cancel releases the producer
		}
	}
	return nil
}

// Drained after the break.
func consumeDrain(xs []int) int {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for _, x := range xs {
			ch <- x
		}
	}()
	n := 0
	for v := range ch {
		if v == 0 {
			break
		}
		n++
	}
	for range ch {
	}
	return n // ok: the rest is drained
}

// Every value is received.
func consumeAll(xs []int) int {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for _, x := range xs {
			ch <- x
		}
	}()
	n := 0
	for v := range ch {
		if v == 0 {
			continue // ok: the next iteration receives
		}
		n++
	}
	return n
}
