// Known limitations of wgprotocol, kept here so that a change in them is
// seen.
package limitations

import "sync"

// A WaitGroup reached through a slice element has no Ref: its operations
// are not followed. Missed finding.
func elements() {
	wgs := make([]sync.WaitGroup, 2)
	wgs[0].Add(1)
	go func() {
		if len(wgs) > 5 {
			return // ok: known missed finding, Done is skipped on this path
		}
		wgs[0].Done()
	}()
	wgs[0].Wait()
}

// Done handed to another goroutine through a channel is not followed; the
// WaitGroup escapes and nothing is reported. Correctly silent here, but a
// missing Done on the other side would be missed too.
func handoff() {
	var wg sync.WaitGroup
	ch := make(chan *sync.WaitGroup, 1)
	wg.Add(1)
	go func() { ch <- &wg }() // ok
	go func() { (<-ch).Done() }()
	wg.Wait()
}

// An Add whose count is computed at run time is not compared with the
// goroutines. Missed finding when it is wrong.
func dynamicCount(n int) {
	var wg sync.WaitGroup
	wg.Add(n + 1) // ok: known missed finding if n+1 is not the count
	for range n {
		go func() { defer wg.Done() }()
	}
	wg.Wait()
}
