package objects

import (
	"context"
	"sync"
)

// A lazy initialisation guarded by a sibling field: init sets closeCtx and
// graceCtx once, under the mutex; later calls find closeCtx set.
type Front struct {
	mu          sync.Mutex
	closeCtx    context.Context
	graceCtx    context.Context
	cancel      context.CancelFunc
	graceCancel context.CancelFunc
	served      int
}

func (f *Front) init() {
	if f.closeCtx == nil {
		f.closeCtx, f.cancel = context.WithCancel(context.Background())
		f.graceCtx, f.graceCancel = context.WithCancel(f.closeCtx)
	}
}

func (f *Front) serve() {
	f.mu.Lock()
	f.init()
	f.mu.Unlock()
	<-f.graceCtx.Done()
}

func runFronts(f *Front) {
	done := make(chan struct{}, 2)
	go func() { f.serve(); done <- struct{}{} }()
	go func() {
		f.serve() // ok: init writes graceCtx once, before either reads it
		done <- struct{}{}
	}()
	<-done
	<-done
}

// The twin: a write made on every call.
func (f *Front) count() {
	f.served++
}

func runCounts(f *Front) {
	done := make(chan struct{}, 2)
	go func() {
		f.count() // want `f.served is updated \(in count\) by the goroutine started at line \d+ while the one started at line \d+ writes it`
		done <- struct{}{}
	}()
	go func() { f.count(); done <- struct{}{} }()
	<-done
	<-done
}

// A lazy default in a getter: method is written only while it is empty,
// and the caller set it before sharing (fasthttp's RequestHeader.Method).
type header struct {
	method string
}

func (h *header) Method() string {
	if len(h.method) == 0 {
		h.method = "GET"
	}
	return h.method
}

func getMethods(h *header) {
	h.method = "POST"
	done := make(chan struct{}, 2)
	for range 2 {
		go func() {
			_ = h.Method() // ok: the write runs only while method is empty
			done <- struct{}{}
		}()
	}
	<-done
	<-done
}
