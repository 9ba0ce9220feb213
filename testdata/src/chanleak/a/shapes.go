package a

import (
	"context"
	"errors"
)

func check(x int) bool { return x > 0 }

// One send per branch: the goroutine still sends once.
func sendPerBranch(ctx context.Context, x int) (string, error) {
	ch := make(chan string)
	go func() {
		if check(x) {
			ch <- "yes"
		} else {
			ch <- "no"
		}
	}()
	select {
	case s := <-ch:
		return s, nil
	case <-ctx.Done():
		return "", ctx.Err() // want `when the case <-ctx.Done\(\) is selected, returns at line \d+ without receiving from ch: the goroutine started at line \d+ blocks forever on its send and leaks; give ch a buffer for every sender: make\(chan string, 1\)`
	}
}

func sendPerBranchReceived(x int) string {
	ch := make(chan string)
	go func() {
		if check(x) {
			ch <- "yes"
			return
		}
		ch <- "no"
	}()
	return <-ch // ok: one receive for the one send of either branch
}

// Two sends on one path: two messages, a protocol this check does not
// count.
func sendTwice(ctx context.Context, x int) string {
	ch := make(chan string)
	go func() {
		if check(x) {
			ch <- "yes"
		}
		ch <- "no"
	}()
	select {
	case s := <-ch:
		return s
	case <-ctx.Done():
		return "" // ok: not one message
	}
}

// A send followed by a close.
func sendThenClose(x int) (string, error) {
	ch := make(chan string)
	go func() {
		ch <- slow()
		close(ch)
	}()
	if x < 0 {
		return "", errors.New("negative") // want `returns at line \d+ without receiving from ch: the goroutine started at line \d+ blocks forever on its send and leaks; give ch a buffer for every sender: make\(chan string, 1\)`
	}
	return <-ch, nil
}

func sendThenDeferredClose(ctx context.Context) string {
	ch := make(chan string)
	go func() {
		defer close(ch)
		ch <- slow()
	}()
	select {
	case s := <-ch:
		return s
	case <-ctx.Done():
		return "" // want `when the case <-ctx.Done\(\) is selected, returns at line \d+ without receiving from ch`
	}
}

func sendThenCloseReceived(x int) (string, error) {
	ch := make(chan string)
	go func() {
		ch <- slow()
		close(ch)
	}()
	s := <-ch
	if x < 0 {
		return "", errors.New("negative") // ok: received first
	}
	return s, nil
}

func sendThenCloseBuffered(x int) (string, error) {
	ch := make(chan string, 1)
	go func() {
		ch <- slow()
		close(ch)
	}()
	if x < 0 {
		return "", errors.New("negative") // ok: the send completes into the buffer
	}
	return <-ch, nil
}

// A close that may come first: the goroutine closes without sending on
// some path, a different protocol.
func closeOrSend(x int) (string, error) {
	ch := make(chan string)
	go func() {
		if !check(x) {
			close(ch)
			return
		}
		ch <- slow()
	}()
	if x < 0 {
		return "", errors.New("negative") // ok: not judged, the goroutine may only close
	}
	return <-ch, nil
}
