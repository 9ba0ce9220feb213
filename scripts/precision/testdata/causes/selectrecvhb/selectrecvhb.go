// False alarm (datarace): the read is in the case of a receive from a
// channel the goroutine closes after its write (quic-go
// http3/transport.go:322).
package selectrecvhb

import (
	"errors"
	"sync"
)

type client struct {
	dialing chan struct{}
	dialErr error
}

type transport struct {
	mu      sync.Mutex
	clients map[string]*client
}

func (t *transport) getClient(host string) (*client, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	cl, ok := t.clients[host]
	if !ok {
		cl = &client{dialing: make(chan struct{})}
		go func() {
			defer close(cl.dialing)
			cl.dialErr = errors.New("dial " + host)
		}()
		t.clients[host] = cl
	}
	select {
	case <-cl.dialing:
		if cl.dialErr != nil {
			return nil, cl.dialErr
		}
	default:
	}
	return cl, nil
}
