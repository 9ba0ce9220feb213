package a

import (
	"sync"
	"sync/atomic"
	"testing/synctest"
)

// Shapes from the standard library that are ordered or guarded in ways the
// write itself does not show; all correct, all silent.

// An atomic flag orders the write before the parent's read
// (runtime/debug_test.go has this shape).
func atomicFlag() int {
	var x int
	var done atomic.Bool
	go func() {
		x = 42 // ok: published by done.Store
		done.Store(true)
	}()
	for !done.Load() {
	}
	return x
}

// synctest.Wait waits for every goroutine of the bubble to block or exit
// (internal/synctest's tests have this shape).
func bubble() int {
	var x int
	go func() {
		x = 1 // ok: synctest.Wait orders it
	}()
	synctest.Wait()
	return x
}

// A lock taken through the sync.Locker of a sync.Cond
// (sync/cond_test.go has this shape).
func condLocker(keys []string) {
	c := sync.NewCond(&sync.Mutex{})
	m := make(map[string]int)
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.L.Lock()
			m[k]++ // ok: c.L is held
			c.L.Unlock()
		}()
	}
	wg.Wait()
}

type counterT struct {
	mu sync.Mutex
	n  int
}

// incLocked locks its own mutex: the goroutines' calls are guarded inside
// (testing's t.Run and os.File.Close have this shape).
func (c *counterT) incLocked() {
	c.mu.Lock()
	c.n++
	c.mu.Unlock()
}

func callsGuardedMethod(c *counterT) {
	var wg sync.WaitGroup
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.incLocked() // ok
		}()
	}
	wg.Wait()
}

// Two instances hand data to each other through an atomic signal
// (sync/atomic's TestStoreLoadSeqCst has this shape).
func handOffByAtomics(n int32) {
	var x struct {
		signal int32
		data   int32
	}
	done := make(chan bool, 2)
	for p := int32(0); p < 2; p++ {
		go func() {
			for i := int32(1); i < n; i++ {
				if (i+p)%2 == 0 {
					x.data = i // ok: published by the atomic store
					atomic.StoreInt32(&x.signal, i)
				} else {
					for atomic.LoadInt32(&x.signal) != i {
					}
					_ = x.data
				}
			}
			done <- true
		}()
	}
	<-done
	<-done
}
