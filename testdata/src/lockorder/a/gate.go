package a

import "sync"

// Both orders of m and closeM are taken holding destructorM: a gate lock
// that keeps the two paths from running at once.
type amqpConn struct {
	destructorM sync.Mutex
	closeM      sync.Mutex
	m           sync.Mutex
	closed      bool
}

func (c *amqpConn) shutdown() {
	c.destructorM.Lock()
	defer c.destructorM.Unlock()
	c.m.Lock()
	defer c.m.Unlock()
	c.closeM.Lock() // ok: destructorM is held by both orders
	c.closed = true
	c.closeM.Unlock()
}

func (c *amqpConn) reconnect() {
	c.destructorM.Lock()
	defer c.destructorM.Unlock()
	c.closeM.Lock()
	defer c.closeM.Unlock()
	c.m.Lock()
	c.closed = false
	c.m.Unlock()
}

// The twin: without the gate, the two orders deadlock.
type amqpConn2 struct {
	closeM sync.Mutex
	m      sync.Mutex
	closed bool
}

func (c *amqpConn2) shutdown() {
	c.m.Lock()
	defer c.m.Unlock()
	c.closeM.Lock()
	c.closed = true
	c.closeM.Unlock()
}

func (c *amqpConn2) reconnect() {
	c.closeM.Lock()
	defer c.closeM.Unlock()
	c.m.Lock() // want `amqpConn2.m is locked while amqpConn2.closeM is held, but line \d+ locks amqpConn2.closeM while amqpConn2.m is held`
	c.closed = false
	c.m.Unlock()
}

func runConns(c *amqpConn, c2 *amqpConn2) {
	go c.shutdown()
	go c.reconnect()
	go c2.shutdown()
	go c2.reconnect()
}
