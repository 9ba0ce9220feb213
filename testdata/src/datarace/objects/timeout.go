package objects

import (
	"errors"
	"time"
)

var errTimeout = errors.New("timeout")

func compute() (int, error) { return 1, nil }

// A select with a timeout case that returns is not a join: after the
// timeout the goroutine still writes the named results the parent returns.
func fetchNamed(d time.Duration) (v int, err error) {
	done := make(chan struct{})
	go func() {
		v, err = compute() // want `v is assigned by the goroutine started at line \d+ while fetchNamed writes it at line \d+ before waiting for it`
		close(done)
	}()
	select {
	case <-done:
		return v, err
	case <-time.After(d):
		return 0, errTimeout
	}
}

// The twin: the goroutine sends its result on a buffered channel, and the
// parent returns only what it received.
func fetchChan(d time.Duration) (int, error) {
	type result struct {
		v   int
		err error
	}
	ch := make(chan result, 1)
	go func() {
		v, err := compute() // ok: the goroutine's own
		ch <- result{v, err}
	}()
	select {
	case r := <-ch:
		return r.v, r.err
	case <-time.After(d):
		return 0, errTimeout
	}
}

// A captured variable read by the parent after the timeout.
func fetchCaptured(d time.Duration) int {
	res := 0
	done := make(chan struct{})
	go func() {
		res, _ = compute() // want `res is assigned by the goroutine started at line \d+ while fetchCaptured reads it at line \d+ before waiting for it`
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(d):
	}
	return res
}

// The twin: the parent reads res only in the case that received.
func fetchCapturedJoined(d time.Duration) int {
	res := 0
	done := make(chan struct{})
	go func() {
		res, _ = compute() // ok: read only after <-done
		close(done)
	}()
	select {
	case <-done:
		return res
	case <-time.After(d):
		return -1
	}
}
