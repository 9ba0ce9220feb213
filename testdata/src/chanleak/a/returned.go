package a

import "context"

// A function returns a channel that a goroutine it starts sends on.

func async(x int) <-chan error {
	ch := make(chan error)
	go func() { ch <- work(x) }()
	return ch
}

func asyncBuffered(x int) <-chan error {
	ch := make(chan error, 1)
	go func() { ch <- work(x) }()
	return ch
}

func asyncStream(xs []int) (<-chan int, error) {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for _, x := range xs {
			ch <- x
		}
	}()
	return ch, nil
}

// The goroutine is started on one path only: the other returns nil.
func asyncMaybe(x int) <-chan error {
	if x < 0 {
		return nil
	}
	ch := make(chan error)
	go func() { ch <- work(x) }()
	return ch
}

// The channel is also kept elsewhere: someone else may receive.
var keptChan chan error

func asyncKept(x int) <-chan error {
	ch := make(chan error)
	keptChan = ch
	go func() { ch <- work(x) }()
	return ch
}

func dropped(x int) {
	async(x) // want `the channel returned by async is dropped: the goroutine async starts blocks forever sending on it and leaks; receive from the result, or give the channel a buffer in async`
}

func droppedBlank(xs []int) {
	_, _ = asyncStream(xs) // want `the channel returned by asyncStream is dropped`
}

func droppedMaybe(x int) {
	asyncMaybe(x) // want `the channel returned by asyncMaybe is dropped`
}

func received(x int) error {
	return <-async(x) // ok: received
}

func droppedBuffered(x int) {
	asyncBuffered(x) // ok: the send completes into the buffer
}

func droppedKept(x int) {
	asyncKept(x) // ok: the channel is kept where someone may receive
}

func assigned(x int) error {
	ch := async(x)
	return <-ch // ok
}

type watcher struct{ n int }

// A method works the same way.
func (w *watcher) watch() <-chan int {
	ch := make(chan int)
	go func() { ch <- w.n }()
	return ch
}

func droppedMethod(w *watcher) {
	w.watch() // want `the channel returned by watch is dropped`
}

// The goroutine gives up when the context is done.
func asyncCtx(ctx context.Context, x int) <-chan error {
	ch := make(chan error)
	go func() {
		select {
		case ch <- work(x):
		case <-ctx.Done():
		}
	}()
	return ch
}

func droppedCtx(ctx context.Context, x int) {
	asyncCtx(ctx, x) // ok: the goroutine leaves when ctx is done
}
