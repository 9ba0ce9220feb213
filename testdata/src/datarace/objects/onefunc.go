package objects

import "sync"

// Router reads its decorators twice in decorate, which runs under
// handlersLock because its caller holds that lock for the handlers: one
// function holding the lock, for reasons of its own, is no evidence that
// the lock guards decorators, and AddDecorators (a setup call) writes them
// without it.
type Router struct {
	handlersLock sync.Mutex
	handlers     []string
	decorators   []func(string) string
}

func (r *Router) AddDecorators(d ...func(string) string) {
	r.decorators = append(r.decorators, d...) // ok: the guarded accesses are all in decorate
}

func (r *Router) Run() {
	go func() {
		r.handlersLock.Lock()
		defer r.handlersLock.Unlock()
		for i, h := range r.handlers {
			r.handlers[i] = r.decorate(h)
		}
	}()
}

func (r *Router) decorate(h string) string {
	for i := len(r.decorators) - 1; i >= 0; i-- {
		d := r.decorators[i]
		h = d(h)
	}
	return h
}

// The near twin: Decorators reads the slice under the lock too, so two
// functions hold it for decorators, and AddDecorators' unlocked write races
// with the goroutine's reads.
type Router2 struct {
	handlersLock sync.Mutex
	handlers     []string
	decorators   []func(string) string
}

func (r *Router2) AddDecorators(d ...func(string) string) {
	r.decorators = append(r.decorators, d...) // want `r.decorators is written in AddDecorators without Router2.handlersLock`
}

func (r *Router2) Run() {
	go func() {
		r.handlersLock.Lock()
		defer r.handlersLock.Unlock()
		for i, h := range r.handlers {
			r.handlers[i] = r.decorate(h)
		}
	}()
}

func (r *Router2) decorate(h string) string {
	for i := len(r.decorators) - 1; i >= 0; i-- {
		d := r.decorators[i]
		h = d(h)
	}
	return h
}

func (r *Router2) Decorators() int {
	r.handlersLock.Lock()
	defer r.handlersLock.Unlock()
	return len(r.decorators)
}

// The other near twin: the one function with the guarded accesses takes
// the lock itself (Next locks, then writes valid twice), so it guards
// valid on purpose, and Valid's unlocked read races with Next on the
// goroutine.
type Cursor struct {
	mu    sync.Mutex
	pos   int
	valid bool
}

func (c *Cursor) Next(n int) {
	c.mu.Lock()
	c.valid = false
	c.pos++
	if c.pos < n {
		c.valid = true
	}
	c.mu.Unlock()
}

func (c *Cursor) Valid() bool {
	return c.valid // want `c.valid is read in Valid without Cursor.mu`
}

func (c *Cursor) Run(n int) {
	go func() {
		for i := 0; i < n; i++ {
			c.Next(n)
		}
	}()
}
