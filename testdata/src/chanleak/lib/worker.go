package lib

import "context"

// Worker holds the only cancel func of the context its goroutine waits
// on: its summary says so, for callers in other packages.
type Worker struct{ cancel context.CancelFunc }

func NewWorker() *Worker {
	ctx, cancel := context.WithCancel(context.Background())
	w := &Worker{cancel: cancel}
	go func() { <-ctx.Done() }()
	return w
}

func (w *Worker) Stop() { w.cancel() }

// Derived from the caller's context: cancelling it ends the goroutine.
func NewChild(parent context.Context) *Worker {
	ctx, cancel := context.WithCancel(parent)
	w := &Worker{cancel: cancel}
	go func() { <-ctx.Done() }()
	return w
}
