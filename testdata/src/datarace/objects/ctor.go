package objects

import (
	"sync"
	"time"
)

// A goroutine started by the constructor races with the methods the
// caller calls next.
type Monitor struct {
	last  time.Time
	count int
	stop  chan struct{}
}

func NewMonitor() *Monitor {
	m := &Monitor{stop: make(chan struct{})}
	go m.loop()
	return m
}

func (m *Monitor) loop() {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case now := <-t.C:
			m.last = now
			m.count++
		case <-m.stop:
			return
		}
	}
}

func (m *Monitor) Last() time.Time {
	return m.last // want `m.last is read in Last while the goroutine started at line \d+ writes it at line \d+, with no lock held at both: a caller calls Last while that goroutine runs, and the reader sees a stale or torn value`
}

// The twin: the same monitor with a mutex around both.
type SafeMonitor struct {
	mu    sync.Mutex
	last  time.Time
	stop  chan struct{}
	state string
}

func NewSafeMonitor() *SafeMonitor {
	m := &SafeMonitor{stop: make(chan struct{})}
	m.state = "new" // ok: before the go statement
	go m.loop()
	return m
}

func (m *SafeMonitor) loop() {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case now := <-t.C:
			m.mu.Lock()
			m.last = now
			m.mu.Unlock()
		case <-m.stop:
			return
		}
	}
}

func (m *SafeMonitor) Last() time.Time {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.last // ok
}

// State is read-only after publication: the goroutine never writes it.
func (m *SafeMonitor) State() string {
	return m.state // ok
}

// Stop asks the loop to return: it communicates, and is not reported.
func (m *SafeMonitor) Stop() {
	close(m.stop)
}

// Lazy initialization in a callee is not followed: init writes t.m only
// when it is nil, which callers make happen before sharing.
type table struct {
	mu sync.Mutex
	m  map[string]int
	n  int
}

func (t *table) init() {
	if t.m == nil {
		t.m = make(map[string]int)
	}
}

func (t *table) add(k string) {
	t.init()
	t.mu.Lock()
	t.m[k]++
	t.mu.Unlock()
}

func fillTable(keys []string) *table {
	t := &table{}
	t.init()
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			t.add(k) // ok: t.m is set before the goroutines start
		}()
	}
	wg.Wait()
	return t
}
