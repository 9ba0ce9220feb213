// True bug (chanleak): on the timeout path the test leaves, and the
// goroutine's send on the unbuffered channel blocks forever (paho
// unit_router_test.go:319, fasthttp server_test.go:1601).
package timeoutleak

import (
	"testing"
	"time"
)

func dispatch(msgs <-chan int) {
	for range msgs {
	}
}

func TestDispatch(t *testing.T) {
	msgs := make(chan int)
	stopped := make(chan bool)
	go func() {
		dispatch(msgs)
		stopped <- true
	}()
	msgs <- 1
	close(msgs)
	select {
	case <-stopped:
	case <-time.After(time.Second):
		t.Errorf("dispatch should have exited")
	}
}
