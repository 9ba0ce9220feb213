package a

// Sends and a close on the two sides of a test of a counter that only
// grows: once the close runs, the test never sends again.

func fill(n, limit int) chan int {
	ch := make(chan int, n)
	closed := false
	for i := 0; i < n; i++ {
		if i < limit {
			ch <- i // ok: after the close, i < limit stays false
		} else if !closed {
			close(ch)
			closed = true
		}
	}
	return ch
}

// fillWrap resets its counter: a send may follow the close.
func fillWrap(n, limit int) chan int {
	ch := make(chan int, n)
	closed := false
	j := 0
	for i := 0; i < n; i++ {
		j++
		if j > 3 {
			j = 0
		}
		if j < limit {
			ch <- i // want `send on ch after it is closed at line 33`
		} else if !closed {
			close(ch)
			closed = true
		}
	}
	return ch
}
