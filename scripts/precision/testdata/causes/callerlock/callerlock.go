// False alarm (datarace): a helper runs with its caller's lock held, and
// the goroutine's access is under the same lock (nats.go nats.go:5251).
package callerlock

import "sync"

type conn struct {
	mu  sync.Mutex
	buf []string
}

func (c *conn) publish(s string) {
	c.mu.Lock()
	c.buf = append(c.buf, s)
	c.mu.Unlock()
}

func (c *conn) subscribe(subj string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.subscribeLocked(subj)
}

// subscribeLocked must be called with c.mu held.
func (c *conn) subscribeLocked(subj string) {
	go c.publish("ack " + subj)
	c.buf = append(c.buf, "SUB "+subj)
}
