package a

type result struct {
	id  int
	val int
	err error
}

func call(id int) (int, error) { return id, nil }

func worker(id int, ch chan<- result) {
	v, err := call(id)
	ch <- result{val: v, err: err}
}

// The post's program 6.
func post() map[int]int {
	workers := []int{1, 2, 3}
	ch := make(chan result, len(workers))
	for _, id := range workers {
		go worker(id, ch)
	}
	m := make(map[int]int)
	for _, id := range workers {
		r := <-ch
		if r.err == nil {
			m[id] = r.val // want `value received from ch is stored under id, the key of this loop, but the goroutines started at line 21 send in the order they finish: the result of one element is filed under another's key; send the key with the value and store under it`
		}
	}
	return m
}

// A slice indexed by the counter of a second loop.
func counted(n int) []int {
	ch := make(chan int)
	for i := 0; i < n; i++ {
		go func() { ch <- i * i }()
	}
	out := make([]int, n)
	for i := 0; i < n; i++ {
		out[i] = <-ch // want `value received from ch is stored under i`
	}
	return out
}

// The key travels with the result.
func keyed() map[int]int {
	workers := []int{1, 2, 3}
	ch := make(chan result, len(workers))
	for _, id := range workers {
		go func() {
			v, err := call(id)
			ch <- result{id: id, val: v, err: err}
		}()
	}
	m := make(map[int]int)
	for range workers {
		r := <-ch
		m[r.id] = r.val // ok: stored under the key that comes with it
	}
	return m
}

// One channel per element: the order is kept.
func perElement() map[int]int {
	workers := []int{1, 2, 3}
	chans := make([]chan int, len(workers))
	for i, id := range workers {
		chans[i] = make(chan int, 1)
		go func() { chans[i] <- id }()
	}
	m := make(map[int]int)
	for i, id := range workers {
		m[id] = <-chans[i] // ok: each element's own channel
	}
	return m
}

// Each goroutine is waited for in the loop that starts it.
func oneAtATime() map[int]int {
	workers := []int{1, 2, 3}
	ch := make(chan int)
	m := make(map[int]int)
	for _, id := range workers {
		go func() { ch <- id * 2 }()
		m[id] = <-ch // ok: one goroutine at a time
	}
	return m
}

// Appending does not pick a key.
func appended() []int {
	workers := []int{1, 2, 3}
	ch := make(chan int, len(workers))
	for _, id := range workers {
		go func() { ch <- id }()
	}
	var out []int
	for range workers {
		out = append(out, <-ch) // ok: no key
	}
	return out
}
