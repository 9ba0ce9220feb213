package use

import (
	"sync"

	"datarace/lib"
)

func counter(keys []string) {
	c := &lib.Counter{}
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.Inc(k) // ok
		}()
	}
	wg.Wait()
}

func record(keys []string) {
	m := map[string]int{}
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			lib.Record(m, k) // want `map m is written \(in Record\) by every goroutine started at line \d+`
		}()
	}
	wg.Wait()
}

func recordLocked(keys []string) {
	var mu sync.Mutex
	m := map[string]int{}
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Add(1)
		go lib.RecordLocked(&mu, m, k) // ok
	}
	wg.Wait()
}

func recordCallerLocked(keys []string) {
	var mu sync.Mutex
	m := map[string]int{}
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			lib.Record(m, k) // ok
			mu.Unlock()
		}()
	}
	wg.Wait()
}
