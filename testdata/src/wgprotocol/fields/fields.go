// Package fields holds WaitGroups counted through struct fields: Add in
// one method, Done in a goroutine another method starts, Wait in a third.
package fields

import "sync"

// A worker started by Start that returns early without Done: Stop's Wait
// blocks forever.
type server struct {
	wg   sync.WaitGroup
	jobs chan int
}

func (s *server) Start() {
	s.wg.Add(1)
	go s.worker()
}

func (s *server) worker() {
	j := <-s.jobs
	if j < 0 {
		return // want `goroutine returns here without calling s.wg.Done: s.wg.Wait blocks forever`
	}
	s.wg.Done()
}

func (s *server) Stop() {
	close(s.jobs)
	s.wg.Wait()
}

// The twin: the worker defers Done.
type goodServer struct {
	wg   sync.WaitGroup
	jobs chan int
}

func (s *goodServer) Start() {
	s.wg.Add(1)
	go s.worker()
}

func (s *goodServer) worker() {
	defer s.wg.Done()
	j := <-s.jobs
	if j < 0 {
		return // ok: the deferred Done runs
	}
}

func (s *goodServer) Stop() {
	close(s.jobs)
	s.wg.Wait()
}

// A WaitGroup that counts goroutines nothing ever waits for.
type pool struct {
	wg sync.WaitGroup
}

func (p *pool) Start() {
	p.wg.Add(1) // want `p.wg counts a goroutine but no function ever calls pool.wg.Wait: the count is dead`
	go p.run()
}

func (p *pool) run() {
	defer p.wg.Done()
}

// WaitGroup.Go counts too.
type goPool struct {
	wg sync.WaitGroup
}

func (p *goPool) Start() {
	p.wg.Go(func() {}) // want `p.wg counts a goroutine but no function ever calls goPool.wg.Wait`
}

// The twin: Stop waits.
type waitedPool struct {
	wg sync.WaitGroup
}

func (p *waitedPool) Start() {
	p.wg.Add(1) // ok: Stop waits
	go p.run()
}

func (p *waitedPool) run() {
	defer p.wg.Done()
}

func (p *waitedPool) Stop() { p.wg.Wait() }

// An exported field: other packages may wait on it.
type Exported struct {
	WG sync.WaitGroup
}

func (e *Exported) Start() {
	e.WG.Add(1) // ok: the field is exported
	go func() { defer e.WG.Done() }()
}

// The field's address is handed to a helper the index does not follow.
type handed struct {
	wg sync.WaitGroup
}

func (h *handed) Start() {
	h.wg.Add(1) // ok: &h.wg escapes to waitFor
	go func() { defer h.wg.Done() }()
	waitFor(&h.wg)
}

func waitFor(wg *sync.WaitGroup) { wg.Wait() }

// An embedded WaitGroup is waited on through a promoted method the index
// does not see as a field use.
type embedded struct {
	sync.WaitGroup
}

func (e *embedded) Start() {
	e.Add(1) // ok: e.Wait below
	go func() { defer e.Done() }()
}

func (e *embedded) Stop() { e.Wait() }

// A method value of Wait escapes.
type methodValue struct {
	wg sync.WaitGroup
}

func (m *methodValue) Start() func() {
	m.wg.Add(1) // ok: m.wg.Wait is returned
	go func() { defer m.wg.Done() }()
	return m.wg.Wait
}

// A local WaitGroup that nothing waits on.
func fireAndForget(jobs []int) {
	var wg sync.WaitGroup
	for range jobs {
		wg.Add(1) // want `wg counts a goroutine but fireAndForget never calls wg.Wait: the count is dead`
		go func() { defer wg.Done() }()
	}
}

// The twins: Wait in the function, in a goroutine it starts, or the
// WaitGroup handed to a helper.
func waited(jobs []int) {
	var wg sync.WaitGroup
	for range jobs {
		wg.Add(1) // ok
		go func() { defer wg.Done() }()
	}
	wg.Wait()
}

func waitedByGoroutine(jobs []int) chan struct{} {
	var wg sync.WaitGroup
	done := make(chan struct{})
	for range jobs {
		wg.Add(1) // ok: the last goroutine waits
		go func() { defer wg.Done() }()
	}
	go func() {
		wg.Wait()
		close(done)
	}()
	return done
}

func waitedByHelper(jobs []int) {
	wg := new(sync.WaitGroup)
	for range jobs {
		wg.Add(1) // ok: waitFor waits
		go func() { defer wg.Done() }()
	}
	waitFor(wg)
}

func waitedInDefer(jobs []int) {
	var wg sync.WaitGroup
	defer func() { wg.Wait() }()
	for range jobs {
		wg.Add(1) // ok: the deferred literal waits
		go func() { defer wg.Done() }()
	}
}
