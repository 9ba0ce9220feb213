// Package limitations records what datarace does not see.
package limitations

import "sync"

// A slice element written with the same index by every goroutine: element
// writes are not followed (goroutines that write their own element are the
// rule, and the index is rarely provably shared).
func sameElement(n int) []int {
	out := make([]int, 1)
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[0]++ // a race, not reported
		}()
	}
	wg.Wait()
	return out
}

// A channel used as a semaphore before the write: any wait before the
// access may be a hand-off, so the write is not reported.
func semaphore(ids []int, m map[int]int) {
	sem := make(chan struct{}, 4)
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			m[id] = id // a race, not reported
			<-sem
		}()
	}
	wg.Wait()
}

type fieldCounter struct{ n int }

func (c *fieldCounter) inc() { c.n++ }

// Field writes inside called methods were not followed (issue 14 lifted
// this limitation: they are, except lazy initializations, which callers
// make happen before sharing; see datarace/objects).
func fieldInCallee(c *fieldCounter) {
	var wg sync.WaitGroup
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.inc() // want `c.n is updated \(in inc\) by every goroutine started at line \d+`
		}()
	}
	wg.Wait()
}
