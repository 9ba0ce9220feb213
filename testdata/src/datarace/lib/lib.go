package lib

import "sync"

// Counter is safe for concurrent use.
type Counter struct {
	mu sync.Mutex
	m  map[string]int
}

// Inc locks mu before writing m.
func (c *Counter) Inc(k string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[k]++
}

// Record writes the map in parameter 0 without a lock.
func Record(m map[string]int, k string) {
	m[k] = 1
}

// RecordLocked writes it under mu, which the caller passes.
func RecordLocked(mu *sync.Mutex, m map[string]int, k string) {
	mu.Lock()
	m[k] = 1
	mu.Unlock()
}

// ForEach calls fn for every item, on goroutines of its own, all at once.
func ForEach(items []string, fn func(string)) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn(it)
		}()
	}
	wg.Wait()
}

// Each calls fn for every item, one after the other.
func Each(items []string, fn func(string)) {
	for _, it := range items {
		fn(it)
	}
}
