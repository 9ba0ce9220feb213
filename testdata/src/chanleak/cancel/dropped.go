package cancel

import (
	"context"
	"time"
)

// The cancel func is called by Stop, but the only value that holds it is
// the constructor's result: a caller that drops it leaves the goroutine
// waiting forever.
type worker struct{ cancel context.CancelFunc }

func newWorker() *worker {
	ctx, cancel := context.WithCancel(context.Background())
	w := &worker{cancel: cancel}
	go func() { <-ctx.Done(); cleanup() }()
	return w
}

func (w *worker) Stop() { w.cancel() }

func cleanup() {}

func useWorker() {
	newWorker()     // want `the \*worker returned by newWorker holds the only cancel func of the context that the goroutine started at line \d+ waits on: dropping it leaks the goroutine, which never ends; keep it and call its Stop \(which calls cancel\) when done`
	_ = newWorker() // want `the \*worker returned by newWorker holds the only cancel func`
}

// Kept in a variable: the caller may stop it (even if it does not here).
func keepWorker() {
	w := newWorker() // ok: kept
	_ = w
}

// Returned or passed on.
func passWorker() *worker {
	hand(newWorker())  // ok: passed on
	return newWorker() // ok: returned
}

func hand(*worker) {}

// Called through a func value: the call is not followed.
func valueWorker() {
	mk := newWorker
	mk() // ok: a func value
}

// The context field, and a method goroutine; the cancel called in a
// method that another calls.
type server struct {
	ctx    context.Context
	cancel context.CancelFunc
	reqs   chan int
}

func newServer() (*server, error) {
	s := &server{reqs: make(chan int)}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	go s.loop()
	return s, nil
}

func (s *server) loop() {
	for {
		select {
		case <-s.ctx.Done():
			return
		case r := <-s.reqs:
			s.handle(r)
		}
	}
}

func (s *server) handle(int) {}

func (s *server) shutdown() { s.cancel() }

func (s *server) Close() error { s.shutdown(); return nil }

func useServer() {
	newServer() // want `the \*server returned by newServer holds the only cancel func of the context that the goroutine started at line \d+ waits on: dropping it leaks the goroutine, which never ends; keep it and call its shutdown \(which calls cancel\) when done`
}

// The twin: the loop also returns when its requests channel is closed,
// which someone else may do.
type feeder struct {
	ctx    context.Context
	cancel context.CancelFunc
	reqs   chan int
}

func newFeeder(reqs chan int) *feeder {
	f := &feeder{reqs: reqs}
	f.ctx, f.cancel = context.WithCancel(context.Background())
	go f.loop()
	return f
}

func (f *feeder) loop() {
	for {
		select {
		case <-f.ctx.Done():
			return
		case _, ok := <-f.reqs:
			if !ok {
				return
			}
		}
	}
}

func (f *feeder) Stop() { f.cancel() }

func useFeeder(reqs chan int) {
	newFeeder(reqs) // ok: closing reqs ends the goroutine
}

// The twin: a select with a timer.
type timedWorker struct{ cancel context.CancelFunc }

func newTimedWorker() *timedWorker {
	ctx, cancel := context.WithCancel(context.Background())
	w := &timedWorker{cancel: cancel}
	go func() {
		select {
		case <-ctx.Done():
		case <-time.After(time.Second):
		}
	}()
	return w
}

func (w *timedWorker) Stop() { w.cancel() }

func useTimedWorker() {
	newTimedWorker() // ok: the goroutine ends after a second anyway
}

// The twin: a context derived from the caller's.
type childWorker struct{ cancel context.CancelFunc }

func newChildWorker(parent context.Context) *childWorker {
	ctx, cancel := context.WithCancel(parent)
	w := &childWorker{cancel: cancel}
	go func() { <-ctx.Done() }()
	return w
}

func (w *childWorker) Stop() { w.cancel() }

func useChildWorker(ctx context.Context) {
	newChildWorker(ctx) // ok: cancelling ctx ends the goroutine
}

// The twins: the cancel func also kept elsewhere.
var lastCancel context.CancelFunc

type globalWorker struct{ cancel context.CancelFunc }

func newGlobalWorker() *globalWorker {
	ctx, cancel := context.WithCancel(context.Background())
	w := &globalWorker{cancel: cancel}
	lastCancel = cancel
	go func() { <-ctx.Done() }()
	return w
}

func (w *globalWorker) Stop() { w.cancel() }

type twoFields struct{ cancel, stop context.CancelFunc }

func newTwoFields() *twoFields {
	ctx, cancel := context.WithCancel(context.Background())
	w := &twoFields{cancel: cancel}
	w.stop = w.cancel
	go func() { <-ctx.Done() }()
	return w
}

func (w *twoFields) Stop() { w.stop() }

type handedWorker struct{ cancel context.CancelFunc }

func newHandedWorker() *handedWorker {
	ctx, cancel := context.WithCancel(context.Background())
	w := &handedWorker{cancel: cancel}
	register(w.cancel)
	go func() { <-ctx.Done() }()
	return w
}

func (w *handedWorker) Stop() { w.cancel() }

type pairWorker struct{ cancel context.CancelFunc }

func newPairWorker() (*pairWorker, context.CancelFunc) {
	ctx, cancel := context.WithCancel(context.Background())
	w := &pairWorker{cancel: cancel}
	go func() { <-ctx.Done() }()
	return w, cancel
}

func (w *pairWorker) Stop() { w.cancel() }

// The twin: the value itself is kept elsewhere too.
var workers []*sharedWorker

type sharedWorker struct{ cancel context.CancelFunc }

func newSharedWorker() *sharedWorker {
	ctx, cancel := context.WithCancel(context.Background())
	w := &sharedWorker{cancel: cancel}
	workers = append(workers, w)
	go func() { <-ctx.Done() }()
	return w
}

func (w *sharedWorker) Stop() { w.cancel() }

// The twin: the goroutine itself may stop the worker.
type selfStopper struct {
	cancel context.CancelFunc
	errs   chan error
}

func newSelfStopper() *selfStopper {
	ctx, cancel := context.WithCancel(context.Background())
	w := &selfStopper{cancel: cancel, errs: make(chan error)}
	go func() {
		if err := work(); err != nil {
			w.Stop()
		}
		<-ctx.Done()
	}()
	return w
}

func work() error { return nil }

func (w *selfStopper) Stop() { w.cancel() }

func useOthers(ctx context.Context) {
	newGlobalWorker() // ok: lastCancel may be called
	newTwoFields()    // ok: the cancel func is in two fields
	newHandedWorker() // ok: register has it
	newPairWorker()   // ok: the caller drops the cancel func too, but not only a struct's copy (not this check)
	newSharedWorker() // ok: workers holds it
	newSelfStopper()  // ok: the goroutine may stop itself
}

// Returned directly, and several methods call the cancel func.
type direct struct{ cancel context.CancelFunc }

func newDirect() *direct {
	ctx, cancel := context.WithCancel(context.Background())
	go func() { <-ctx.Done() }()
	return &direct{cancel: cancel}
}

func (d *direct) Stop()  { d.cancel() }
func (d *direct) Close() { d.cancel() }

func useDirect() {
	newDirect() // want `the \*direct returned by newDirect holds the only cancel func of the context that the goroutine started at line \d+ waits on: dropping it leaks the goroutine, which never ends; keep it and call the method that cancels it when done`
}

// The twin: the goroutine is started on some paths only (it may not be
// running when the result is dropped: not reported).
type lazy struct{ cancel context.CancelFunc }

func newLazy(start bool) *lazy {
	ctx, cancel := context.WithCancel(context.Background())
	l := &lazy{cancel: cancel}
	if start {
		go func() { <-ctx.Done() }()
	}
	return l
}

func (l *lazy) Stop() { l.cancel() }

func useLazy() {
	newLazy(true) // ok: the goroutine is not started on every path
}

// Exported: a constructor other packages call; no call here drops it.
type Service struct{ cancel context.CancelFunc }

func NewService() *Service {
	ctx, cancel := context.WithCancel(context.Background())
	s := &Service{cancel: cancel}
	go func() { <-ctx.Done() }()
	return s
}

func (s *Service) Stop() { s.cancel() }
