package a

import "sync"

// Channel and WaitGroup fields used while holding a mutex that the other
// side needs first.

type hub struct {
	mu    sync.Mutex
	ch    chan int
	wg    sync.WaitGroup
	count int
}

func newHub() *hub {
	h := &hub{ch: make(chan int)}
	go h.loop()
	return h
}

// loop takes h.mu before each receive.
func (h *hub) loop() {
	for {
		h.mu.Lock()
		h.count++
		h.mu.Unlock()
		v := <-h.ch
		_ = v
	}
}

func (h *hub) publish(v int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.ch <- v // want `sends on h.ch while holding h.mu \(locked at line 33\), but loop locks hub.mu at line 24 before it can receive from it: both block forever`
}

func (h *hub) work() {
	h.mu.Lock()
	h.count++
	h.mu.Unlock()
	h.wg.Done()
}

func (h *hub) startWorkers(n int) {
	for range n {
		h.wg.Add(1)
		go h.work()
	}
}

func (h *hub) stop() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.wg.Wait() // want `waits for h.wg \(Wait\) while holding h.mu \(locked at line 53\), but work locks hub.mu at line 39 before it can call Done on it`
}

// relay's receiver takes no lock before receiving.
type relay struct {
	mu    sync.Mutex
	ch    chan int
	count int
}

func newRelay() *relay {
	r := &relay{ch: make(chan int)}
	go r.loop()
	return r
}

func (r *relay) loop() {
	for v := range r.ch {
		r.mu.Lock()
		r.count += v
		r.mu.Unlock()
	}
}

func (r *relay) publish(v int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.ch <- v // ok: loop receives before it locks r.mu
}
