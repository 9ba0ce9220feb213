package use

import (
	"context"

	"chanleak/lib"
)

// The goroutine runs a function of another package: its fact says it sends
// once.
func Fetch(ctx context.Context) int {
	ch := make(chan int)
	go lib.Produce(ch)
	select {
	case v := <-ch:
		return v
	case <-ctx.Done():
		return 0 // want `when the case <-ctx.Done\(\) is selected, returns at line \d+ without receiving from ch`
	}
}

func FetchMany(ctx context.Context, xs []int) int {
	ch := make(chan int)
	go lib.Forward(ch, xs)
	select {
	case v := <-ch:
		return v
	case <-ctx.Done():
		return 0 // ok: several sends, a protocol this check does not follow (limitation)
	}
}

// The result of a function of another package: its fact says that a
// goroutine sends on it.
func Drop(x int) {
	lib.Start(x) // want `the channel returned by Start is dropped: the goroutine Start starts blocks forever sending on it and leaks`
}

func DropBuffered(x int) {
	_ = lib.StartBuffered(x) // ok: buffered
}

func Keep(x int) int {
	return <-lib.Start(x) // ok: received
}

// A producer of another package in front of a range loop.
func FirstNegative(xs []int) int {
	ch := make(chan int)
	go lib.Forward(ch, xs)
	for v := range ch {
		if v < 0 {
			return v // want `returns at line \d+ leaving the range over ch at line \d+ early: the goroutine started at line \d+, which sends many values on ch, blocks forever on its next send and leaks`
		}
	}
	return 0
}
