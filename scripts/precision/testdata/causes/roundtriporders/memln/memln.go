// Package memln is an in-memory listener like fasthttputil's: Dial returns
// only after Accept has taken the connection.
package memln

import (
	"errors"
	"net"
)

type Listener struct{ conns chan net.Conn }

func New() *Listener { return &Listener{conns: make(chan net.Conn)} }

func (ln *Listener) Accept() (net.Conn, error) {
	c, ok := <-ln.conns
	if !ok {
		return nil, errors.New("closed")
	}
	return c, nil
}

func (ln *Listener) Dial() (net.Conn, error) {
	client, server := net.Pipe()
	ln.conns <- server // unbuffered: returns once Accept has it
	return client, nil
}
