package tests

import (
	"net"
	"testing"
)

// A goroutine that reports only the error of a blocking call.

type server struct{ ln net.Listener }

// Serve accepts connections until its listener is closed.
func (s *server) Serve() error {
	for {
		c, err := s.ln.Accept()
		if err != nil {
			return nil
		}
		c.Close()
	}
}

func TestServeError(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &server{ln: ln}
	go func() { // ok: t is used only if Serve fails
		if err := s.Serve(); err != nil {
			t.Error(err)
		}
	}()
	ln.Close()
}

func TestServeThenLog(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &server{ln: ln}
	go func() { // want `goroutine uses t and may still be running when TestServeThenLog returns`
		s.Serve()
		t.Log("served")
	}()
	ln.Close()
}

// A goroutine that reports only the error of its Accept, written on the
// line before the test.
func TestAcceptError(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { // ok: t only reports a failed Accept
		c, err := ln.Accept()
		if err != nil {
			t.Error(err)
			return
		}
		c.Close()
	}()
	ln.Close()
}
