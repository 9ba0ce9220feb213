package tests

import "testing"

// A goroutine answered through an interface whose only implementation in
// the package waits for the reply.

type transport interface {
	RoundTrip(req string) string
}

type chanTransport struct {
	reqs    chan string
	replies chan string
}

func (c *chanTransport) RoundTrip(req string) string {
	c.reqs <- req
	return <-c.replies
}


func TestRoundTrip(t *testing.T) {
	c := &chanTransport{reqs: make(chan string), replies: make(chan string)}
	var tr transport = c
	go func() { // ok: RoundTrip waits for the reply, through the interface
		req := <-c.reqs
		t.Log("serving", req)
		c.replies <- req
	}()
	tr.RoundTrip("ping")
}

// noopTransport answers without the goroutine.
type noopTransport struct{}

func (noopTransport) Send(req string) string { return req }

type sender interface {
	Send(req string) string
}

func TestNoWait(t *testing.T) {
	var s sender = noopTransport{}
	go func() { // want `goroutine uses t and may still be running when TestNoWait returns`
		t.Log("working")
	}()
	_ = s.Send("ping")
}
