// Package cancel holds contexts whose cancel func is kept in a struct
// field that nothing calls, while a goroutine waits for the context.
package cancel

import (
	"context"
	"time"
)

// The cancel func is stored, and no method calls it: run never returns.
type watcher struct {
	ctx    context.Context
	cancel context.CancelFunc
	events chan string
}

func newWatcher() *watcher {
	w := &watcher{events: make(chan string)}
	w.ctx, w.cancel = context.WithCancel(context.Background()) // want `watcher.cancel holds the only cancel func of the context, and no function ever calls it: the goroutine started at line \d+ waits on w.ctx.Done\(\) and never ends`
	go w.run()
	return w
}

func (w *watcher) run() {
	for {
		select {
		case <-w.ctx.Done():
			return
		case e := <-w.events:
			_ = e
		}
	}
}

// The twin: Close cancels.
type closer struct {
	ctx    context.Context
	cancel context.CancelFunc
	events chan string
}

func newCloser() *closer {
	c := &closer{events: make(chan string)}
	c.ctx, c.cancel = context.WithCancel(context.Background()) // ok: Close calls c.cancel
	go c.run()
	return c
}

func (c *closer) run() {
	for {
		select {
		case <-c.ctx.Done():
			return
		case e := <-c.events:
			_ = e
		}
	}
}

func (c *closer) Close() { c.cancel() }

// A local context given to a goroutine literal, its cancel func kept in a
// field.
type ticker struct {
	stop func()
}

func startTicker() *ticker {
	ctx, cancel := context.WithCancel(context.Background())
	t := &ticker{}
	t.stop = cancel // want `ticker.stop holds the only cancel func of the context, and no function ever calls it: the goroutine started at line \d+ waits on ctx.Done\(\)`
	go func() {
		<-ctx.Done()
	}()
	return t
}

// The twin: the goroutine can also return when a timer fires.
type timed struct {
	stop func()
}

func startTimed() *timed {
	ctx, cancel := context.WithCancel(context.Background())
	t := &timed{stop: cancel} // ok: the goroutine returns after a minute anyway
	go func() {
		select {
		case <-ctx.Done():
		case <-time.After(time.Minute):
		}
	}()
	return t
}

// A context derived from a parent the caller may cancel: not reported.
type derived struct {
	stop context.CancelFunc
}

func startDerived(parent context.Context) *derived {
	ctx, cancel := context.WithCancel(parent)
	d := &derived{stop: cancel} // ok: cancelling parent ends the goroutine
	go func() { <-ctx.Done() }()
	return d
}

// The cancel func is also returned: the caller may call it.
type returned struct {
	stop context.CancelFunc
}

func startReturned() (*returned, context.CancelFunc) {
	ctx, cancel := context.WithCancel(context.Background())
	r := &returned{stop: cancel} // ok: cancel is returned too
	go func() { <-ctx.Done() }()
	return r, cancel
}

// An exported field: other packages may call it.
type Exported struct {
	Cancel context.CancelFunc
}

func StartExported() *Exported {
	ctx, cancel := context.WithCancel(context.Background())
	e := &Exported{Cancel: cancel} // ok: exported
	go func() { <-ctx.Done() }()
	return e
}

// The cancel func field is passed on.
type handed struct {
	cancel context.CancelFunc
}

func startHanded() *handed {
	ctx, cancel := context.WithCancel(context.Background())
	h := &handed{cancel: cancel} // ok: h.cancel is handed to register
	go func() { <-ctx.Done() }()
	register(h.cancel)
	return h
}

func register(func()) {}

// A named worker given the context.
type pump struct {
	cancel context.CancelFunc
}

func startPump() *pump {
	ctx, cancel := context.WithCancel(context.Background())
	p := &pump{}
	p.cancel = cancel // want `pump.cancel holds the only cancel func of the context, and no function ever calls it: the goroutine started at line \d+ waits on ctx.Done\(\)`
	go drain(ctx)
	return p
}

func drain(ctx context.Context) {
	<-ctx.Done()
}

// The context field is replaced elsewhere: the goroutine may wait on
// another context.
type replaced struct {
	ctx    context.Context
	cancel context.CancelFunc
}

func newReplaced() *replaced {
	r := &replaced{}
	r.ctx, r.cancel = context.WithCancel(context.Background()) // ok: reset writes r.ctx too
	go r.run()
	return r
}

func (r *replaced) reset(ctx context.Context) { r.ctx = ctx }

func (r *replaced) run() { <-r.ctx.Done() }
