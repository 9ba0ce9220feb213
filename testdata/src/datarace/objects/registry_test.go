package objects

import "sync"

type testRegistry struct {
	mu    sync.Mutex
	items map[string]int
}

func (r *testRegistry) Put(k string, v int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.items[k] = v
}

func (r *testRegistry) Get(k string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.items[k]
}

func (r *testRegistry) Watch(keys <-chan string) {
	go func() {
		for k := range keys {
			r.Put(k, 1)
		}
	}()
}
