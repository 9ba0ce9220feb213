package fix

import "context"

func slow() int { return 1 }

func one(ctx context.Context) int {
	ch := make(chan int)
	go func() { ch <- slow() }()
	select {
	case v := <-ch:
		return v
	case <-ctx.Done():
		return 0 // want `without receiving from ch`
	}
}

func perElement(xs []int) int {
	ch := make(chan int)
	for _, x := range xs {
		go func() { ch <- x }()
	}
	return <-ch // want `after one receive from ch`
}

func counted(n int) error {
	errc := make(chan error)
	for i := 0; i < n; i++ {
		go func() { errc <- nil }()
	}
	for i := 0; i < n; i++ {
		if err := <-errc; err != nil {
			return err // want `leaving the receive loop early`
		}
	}
	return nil
}

// One channel per iteration: one sender each.
func perIteration(xs []int) int {
	n := 0
	for _, x := range xs {
		ch := make(chan int)
		go func() { ch <- x }()
		if x < 0 {
			continue // want `continues at line \d+ without receiving from ch, made anew in each iteration`
		}
		n += <-ch
	}
	return n
}
