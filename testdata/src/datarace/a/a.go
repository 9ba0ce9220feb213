package a

import (
	"sync"
	"sync/atomic"
)

func fetch(int) int { return 0 }

// Map written by goroutines started in a loop.
func mapInLoop(ids []int) map[int]int {
	results := make(map[int]int)
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[id] = fetch(id) // want `map results is written by every goroutine started at line \d+, with no lock held at both: concurrent map writes crash the program`
		}()
	}
	wg.Wait()
	return results
}

// The same, guarded by a mutex.
func mapInLoopLocked(ids []int) map[int]int {
	results := make(map[int]int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	for _, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := fetch(id)
			mu.Lock()
			results[id] = r // ok
			mu.Unlock()
		}()
	}
	wg.Wait()
	return results
}

// Deferred unlock keeps the lock held.
func mapDeferUnlock(ids []int, results map[int]int) {
	var wg sync.WaitGroup
	var mu sync.Mutex
	for _, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			defer mu.Unlock()
			results[id]++ // ok
			delete(results, -id) // ok
		}()
	}
	wg.Wait()
}

// Unlocked before the write.
func mapUnlockedEarly(ids []int, results map[int]int) {
	var wg sync.WaitGroup
	var mu sync.Mutex
	for _, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			_ = len(results)
			mu.Unlock()
			delete(results, id) // want `map results is written by every goroutine`
		}()
	}
	wg.Wait()
}

// Each goroutine writes its own element: no race.
func ownElement(ids []int) []int {
	out := make([]int, len(ids))
	var wg sync.WaitGroup
	for i, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i] = fetch(id) // ok
		}()
	}
	wg.Wait()
	return out
}

// A map created inside the goroutine.
func ownMap(ids []int) {
	var wg sync.WaitGroup
	for range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m := make(map[int]int)
			m[1] = 2 // ok
		}()
	}
	wg.Wait()
}

// A map declared by the loop body: one per goroutine.
func perIterationMap(ids []int) {
	var wg sync.WaitGroup
	for _, id := range ids {
		m := make(map[int]int)
		wg.Add(1)
		go func() {
			defer wg.Done()
			m[id] = 2 // ok
		}()
	}
	wg.Wait()
}

// One goroutine writes, the parent waits before reading.
func singleWriter() int {
	m := make(map[int]int)
	done := make(chan struct{})
	go func() {
		m[1] = 1 // ok
		close(done)
	}()
	<-done
	return m[1]
}

// One goroutine writes, the parent reads before waiting.
func singleWriterEarlyRead() int {
	m := make(map[int]int)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		m[1] = 1 // want `map m is written by the goroutine started at line \d+ while singleWriterEarlyRead reads it at line \d+ before waiting for it: a map read during a map write crashes the program`
	}()
	n := len(m)
	wg.Wait()
	return n
}

// A map filled before the goroutines start and only read by them.
func filledBefore(ids []int) {
	m := make(map[int]int)
	for _, id := range ids {
		m[id] = id // ok
	}
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = m[id] // ok
		}()
	}
	wg.Wait()
}

// Appends and counters.
func appendAndCount(ids []int) ([]int, int) {
	var out []int
	total := 0
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out = append(out, id) // want `out is appended to by every goroutine started at line \d+, with no lock held at both: concurrent appends lose elements`
			total += id           // want `total is updated by every goroutine started at line \d+, with no lock held at both: concurrent updates lose some of them`
		}()
	}
	wg.Wait()
	return out, total
}

// Atomic counters are fine.
func atomicCount(ids []int) int64 {
	var total int64
	var n atomic.Int64
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			atomic.AddInt64(&total, int64(id)) // ok
			n.Add(1)                           // ok
		}()
	}
	wg.Wait()
	return total + n.Load()
}

// sync.Map is fine.
func syncMap(ids []int) {
	var m sync.Map
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m.Store(id, id) // ok
		}()
	}
	wg.Wait()
}

// Two go statements.
func twoGoroutines() map[int]int {
	m := make(map[int]int)
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		m[1] = 1 // want `map m is written by the goroutine started at line \d+ while the one started at line \d+ writes it`
	}()
	go func() {
		defer wg.Done()
		m[2] = 2
	}()
	wg.Wait()
	return m
}

// Two go statements, the first joined before the second.
func twoGoroutinesJoined() map[int]int {
	m := make(map[int]int)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		m[1] = 1 // ok
	}()
	wg.Wait()
	wg.Add(1)
	go func() {
		defer wg.Done()
		m[2] = 2 // ok
	}()
	wg.Wait()
	return m
}

// Joined in each iteration.
func joinedEachIteration(ids []int) map[int]int {
	m := make(map[int]int)
	for _, id := range ids {
		done := make(chan bool)
		go func() {
			m[id] = id // ok
			done <- true
		}()
		<-done
	}
	return m
}

// A worker pool receiving jobs: the instances race with each other.
func pool(jobs chan int) map[int]int {
	m := make(map[int]int)
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				m[j] = j // want `map m is written by every goroutine started at line \d+`
			}
		}()
	}
	wg.Wait()
	return m
}

// Fields through a shared pointer, locks on struct fields and embedded
// mutexes.
type store struct {
	mu sync.Mutex
	m  map[string]int
	n  int
}

type embedded struct {
	sync.Mutex
	m map[string]int
}

func (s *store) fill(keys []string) {
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.mu.Lock()
			s.m[k] = 1 // ok
			s.mu.Unlock()
			s.n++ // want `s.n is updated by every goroutine started at line \d+`
		}()
	}
	wg.Wait()
}

func (e *embedded) fill(keys []string) {
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			e.Lock()
			defer e.Unlock()
			e.m[k] = 1 // ok
		}()
	}
	wg.Wait()
}

// Writes in a helper, under a lock the caller holds.
func (s *store) put(k string) { s.m[k]++ }

func (s *store) fillHelper(keys []string) {
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.mu.Lock()
			s.put(k) // ok
			s.mu.Unlock()
		}()
	}
	wg.Wait()
}

func (s *store) fillHelperUnlocked(keys []string) {
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.put(k) // want `map s.m is written \(in put\) by every goroutine started at line \d+`
		}()
	}
	wg.Wait()
}

// The post's program 7, and its broken variant.
func worker(id int, resultMap map[int]int, wg *sync.WaitGroup, mu *sync.Mutex) {
	defer wg.Done()
	mu.Lock()
	defer mu.Unlock()
	resultMap[id] = id
}

func unsafeWorker(id int, resultMap map[int]int, wg *sync.WaitGroup) {
	defer wg.Done()
	resultMap[id] = id
}

func post7() {
	wg := sync.WaitGroup{}
	mu := sync.Mutex{}
	resultMap := make(map[int]int)
	for _, id := range []int{1, 2, 3} {
		wg.Add(1)
		go worker(id, resultMap, &wg, &mu) // ok
	}
	wg.Wait()
}

func post7Unlocked() {
	wg := sync.WaitGroup{}
	resultMap := make(map[int]int)
	for _, id := range []int{1, 2, 3} {
		wg.Add(1)
		go unsafeWorker(id, resultMap, &wg) // want `map resultMap is written \(in unsafeWorker\) by every goroutine started at line \d+`
	}
	wg.Wait()
}

// A counter passed by pointer.
func inc(n *int, wg *sync.WaitGroup) {
	defer wg.Done()
	*n++
}

func counters() int {
	var wg sync.WaitGroup
	total := 0
	for range 3 {
		wg.Add(1)
		go inc(&total, &wg) // want `total is updated \(in inc\) by every goroutine started at line \d+`
	}
	wg.Wait()
	return total
}

// A counter passed by value is a copy.
func incCopy(n int, wg *sync.WaitGroup) {
	defer wg.Done()
	n++
	_ = n
}

func copies() {
	var wg sync.WaitGroup
	total := 0
	for range 3 {
		wg.Add(1)
		go incCopy(total, &wg) // ok
	}
	wg.Wait()
}

// The parent writes after the launch, under the goroutine's lock.
func parentLocked() {
	var mu sync.Mutex
	m := map[int]int{}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		mu.Lock()
		m[1] = 1 // ok
		mu.Unlock()
	}()
	mu.Lock()
	m[2] = 2 // ok
	mu.Unlock()
	wg.Wait()
}

// The parent writes after the launch without the lock.
func parentUnlocked() {
	var mu sync.Mutex
	m := map[int]int{}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		mu.Lock()
		_ = m[1]
		mu.Unlock()
	}()
	m[2] = 2 // want `map m is written by parentUnlocked at line \d+ while the goroutine started at line \d+ reads it, before parentUnlocked waits for it: a map read during a map write crashes the program`
	wg.Wait()
}

// Hand-off: the goroutine writes only after receiving.
func handOff() {
	m := map[int]int{}
	start := make(chan bool)
	done := make(chan bool)
	go func() {
		<-start
		m[1] = 1 // ok
		done <- true
	}()
	m[2] = 2 // ok
	start <- true
	<-done
}

// RWMutex: a read lock does not exclude another read lock.
func rw(ids []int, m map[int]int) {
	var mu sync.RWMutex
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.RLock()
			m[id] = 1 // want `map m is written by every goroutine`
			mu.RUnlock()
		}()
	}
	wg.Wait()
}

// A literal called on the spot inside the goroutine.
func inPlace(ids []int, m map[int]int) {
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			func() {
				mu.Lock()
				defer mu.Unlock()
				m[id] = 1 // ok
			}()
		}()
	}
	wg.Wait()
}
