// False alarm (lockleak): the function returns with the lock held on
// purpose and hands it to its caller as a result (kafka-go conn.go:1429).
package lockreturned

import "sync"

type conn struct {
	rlock sync.Mutex
	next  int32
}

func (c *conn) waitResponse(id int32) (lock *sync.Mutex, ok bool) {
	for i := 0; i < 3; i++ {
		c.rlock.Lock()
		if c.next == id {
			return &c.rlock, true // the caller unlocks
		}
		c.rlock.Unlock()
	}
	return nil, false
}

func (c *conn) do(id int32) {
	if lock, ok := c.waitResponse(id); ok {
		c.next++
		lock.Unlock()
	}
}
