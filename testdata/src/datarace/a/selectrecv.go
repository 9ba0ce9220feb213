package a

import "errors"

// A read in the case of a receive from a channel that the goroutine closes
// after its write.

type dialer struct {
	dialing chan struct{}
	err     error
}

func dialOnce(host string) error {
	d := &dialer{dialing: make(chan struct{})}
	go func() {
		defer close(d.dialing)
		d.err = errors.New("dial " + host)
	}()
	select {
	case <-d.dialing:
		return d.err // ok: after the close that follows the write
	default:
	}
	return nil
}

func dialPeek(host string) error {
	d := &dialer{dialing: make(chan struct{})}
	go func() {
		defer close(d.dialing)
		d.err = errors.New("dial " + host) // want `d.err is assigned by the goroutine started at line 29 while dialPeek reads it`
	}()
	select {
	case <-d.dialing:
	default:
		return d.err // the goroutine may be writing it
	}
	return nil
}
