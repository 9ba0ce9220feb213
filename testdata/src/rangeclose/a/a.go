package a

import "sync"

func f(x int) int { return x }

// No one closes out.
func neverClosed(xs []int) int {
	out := make(chan int)
	for _, x := range xs {
		go func() { out <- f(x) }()
	}
	sum := 0
	for v := range out { // want `range over out never ends: no one closes out, so after the last value the loop waits forever and its goroutine leaks \(or the program deadlocks\); close out once every sender is done`
		sum += v
	}
	return sum
}

// The close sits after the range in the same goroutine.
func closedAfter(xs []int) int {
	var wg sync.WaitGroup
	out := make(chan int)
	for _, x := range xs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out <- f(x)
		}()
	}
	sum := 0
	for v := range out { // want `range over out never ends: out is closed only after the loop, at line 36, by the same goroutine, which never gets there`
		sum += v
	}
	wg.Wait()
	close(out)
	return sum
}

// The worker pool: results are closed after wg.Wait() in a separate goroutine.
func pool(xs []int) int {
	var wg sync.WaitGroup
	out := make(chan int)
	for _, x := range xs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out <- f(x)
		}()
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	sum := 0
	for v := range out { // ok: closed once every sender is done
		sum += v
	}
	return sum
}

// A pipeline stage closes its output with defer close(out).
func gen(xs []int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for _, x := range xs {
			out <- x
		}
	}()
	return out
}

func stage() int {
	in := make(chan int)
	go func() {
		defer close(in)
		in <- 1
	}()
	sum := 0
	for v := range in { // ok: the sender closes it
		sum += v
	}
	return sum
}

// A worker ranges over jobs the parent never closes.
func workers(jobs []int) {
	ch := make(chan int)
	go func() {
		for j := range ch { // want `range over ch never ends: no one closes ch`
			_ = f(j)
		}
	}()
	for _, j := range jobs {
		ch <- j
	}
}

func workersClosed(jobs []int) {
	ch := make(chan int)
	go func() {
		for j := range ch { // ok: closed below
			_ = f(j)
		}
	}()
	for _, j := range jobs {
		ch <- j
	}
	close(ch)
}

// A named worker ranging over the channel.
func consume(ch <-chan int) {
	for range ch {
	}
}

func namedWorker(jobs []int) {
	ch := make(chan int)
	go consume(ch) // want `range over ch never ends: no one closes ch`
	for _, j := range jobs {
		ch <- j
	}
}

// The range leaves by itself once it has what it wants.
func counted(n int) int {
	out := make(chan int)
	for i := range n {
		go func() { out <- i }()
	}
	got := 0
	for range out { // ok: leaves with break
		got++
		if got == n {
			break
		}
	}
	return got
}

// A deferred close runs only when the function returns, after the range.
func deferredClose(xs []int) int {
	out := make(chan int)
	defer close(out)
	for _, x := range xs {
		go func() { out <- x }()
	}
	sum := 0
	for v := range out { // want `range over out never ends: out is closed only after the loop`
		sum += v
	}
	return sum
}
