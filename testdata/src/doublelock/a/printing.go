package a

import (
	"fmt"
	"log"
	"sync"
)

// Printing functions call the String and Error methods of their operands:
// a method that locks the receiver's mutex, printed while it is held.

type Conn struct {
	mu   sync.RWMutex
	name string
	n    int
}

func (c *Conn) String() string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return fmt.Sprintf("conn %s (%d)", c.name, c.n)
}

func (c *Conn) describe() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n++
	return fmt.Sprintf("%v: %d", c, c.n) // want `String, which read-locks c.mu, is called while c.mu is held since line 25: mutexes are not reentrant, this blocks forever`
}

func (c *Conn) logState() {
	c.mu.Lock()
	defer c.mu.Unlock()
	log.Printf("state of %s", c) // want `String, which read-locks c.mu, is called while c.mu is held since line 32`
}

func (c *Conn) logPlain() {
	c.mu.Lock()
	defer c.mu.Unlock()
	log.Println("closing", c) // want `String, which read-locks c.mu, is called while c.mu is held since line 38`
}

// describeName prints a string field: no method runs.
func (c *Conn) describeName() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return fmt.Sprintf("%v: %d", c.name, c.n) // ok: a string
}

// describeUnlocked releases the lock before printing.
func (c *Conn) describeUnlocked() string {
	c.mu.Lock()
	c.n++
	n := c.n
	c.mu.Unlock()
	return fmt.Sprintf("%v: %d", c, n) // ok: released before
}

// describePointer prints with %p and %d: no method runs.
func (c *Conn) describePointer() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return fmt.Sprintf("%p %d", c, c.n) // ok: %p does not call String
}

// describeGo uses %#v: GoString, not String.
func (c *Conn) describeGo() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return fmt.Sprintf("%#v", c) // ok: %#v does not call String
}

type opError struct {
	mu  sync.Mutex
	op  string
	err error
}

func (e *opError) Error() string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.op + ": " + e.err.Error()
}

func (e *opError) wrap() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	return fmt.Errorf("retry: %w", e) // want `Error, which locks e.mu, is called while e.mu is held since line 86`
}

func (e *opError) wrapOp() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	return fmt.Errorf("retry %s: %w", e.op, e.err) // ok: a string and an interface
}
