// False alarm (unjoinedgo): the unjoined goroutine uses t only if a call
// fails, and after the test returns that call cannot fail: Serve returns
// nil once its listener is closed (fasthttp client_test.go:5677,
// server_test.go:6863).
package tuseunreachable

import (
	"errors"
	"net"
	"testing"
)

func serve(ln net.Listener) error {
	for {
		c, err := ln.Accept()
		if errors.Is(err, net.ErrClosed) {
			return nil
		} else if err != nil {
			return err
		}
		c.Close()
	}
}

func TestServe(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		if err := serve(ln); err != nil {
			t.Errorf("serve: %v", err)
		}
	}()
	ln.Close()
}
