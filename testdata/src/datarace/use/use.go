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

// Through the fact of lib.ForEach: it runs the literal on several
// goroutines at once.
func forEach(keys []string) int {
	n := 0
	lib.ForEach(keys, func(string) {
		n++ // want `n is updated by every goroutine that ForEach \(called at line \d+\) starts, with no lock held at both`
	})
	return n
}

func forEachLocked(keys []string) int {
	var mu sync.Mutex
	n := 0
	lib.ForEach(keys, func(string) {
		mu.Lock()
		n++ // ok
		mu.Unlock()
	})
	return n
}

func each(keys []string) int {
	n := 0
	lib.Each(keys, func(string) {
		n++ // ok: lib.Each runs it on the caller's goroutine
	})
	return n
}
