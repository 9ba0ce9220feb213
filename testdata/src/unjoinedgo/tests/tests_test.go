package tests

import (
	"net"
	"sync"
	"testing"

	"golang.org/x/sync/errgroup"
)

func TestLeaks(t *testing.T) {
	go func() { // want `goroutine uses t and may still be running when TestLeaks returns at line 17: its later t.Error or t.Log panics`
		if err := Work(); err != nil {
			t.Error(err)
		}
	}()
}

func TestEarlyReturn(t *testing.T) {
	done := make(chan struct{})
	go func() { // want `goroutine uses t and may still be running when TestEarlyReturn returns`
		defer close(done)
		t.Log("working")
	}()
	if testing.Short() {
		return
	}
	<-done
}

func TestJoined(t *testing.T) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // ok: waited for
		defer wg.Done()
		t.Log("working")
	}()
	wg.Wait()
}

func TestFatalPath(t *testing.T) {
	done := make(chan struct{})
	go func() { // ok: t.Fatal does not return normally
		defer close(done)
		t.Log("working")
	}()
	if err := Work(); err != nil {
		t.Fatal(err)
	}
	<-done
}

func TestNoT(t *testing.T) {
	go func() { // ok: does not use t
		_ = Work()
	}()
}

func TestCleanup(t *testing.T) {
	var wg sync.WaitGroup
	t.Cleanup(wg.Wait)
	wg.Add(1)
	go func() { // ok: t.Cleanup waits
		defer wg.Done()
		t.Log("x")
	}()
}

func TestSub(t *testing.T) {
	t.Run("sub", func(t *testing.T) {
		go helper(t) // want `goroutine uses t and may still be running when a subtest of TestSub returns`
	})
}

func helper(t *testing.T) { t.Log("helping") }

func BenchmarkLeak(b *testing.B) {
	go func() { // want `goroutine uses t and may still be running when BenchmarkLeak returns`
		b.Log("x")
	}()
}

// Reading from a connection waits for the goroutine that writes to it
// (crypto/tls and net tests have this shape).
func TestPeer(t *testing.T) {
	client, server := net.Pipe()
	go func() { // ok: the test reads what the goroutine writes
		if _, err := client.Write([]byte("hello")); err != nil {
			t.Error(err)
		}
	}()
	buf := make([]byte, 5)
	if _, err := server.Read(buf); err != nil {
		t.Fatal(err)
	}
}

func TestErrgroupNoWait(t *testing.T) {
	var g errgroup.Group
	g.Go(func() error { // want `goroutine uses t and may still be running when TestErrgroupNoWait returns`
		t.Log("x")
		return nil
	})
}

func TestErrgroupWait(t *testing.T) {
	var g errgroup.Group
	g.Go(func() error { // ok: g.Wait joins
		t.Log("x")
		return nil
	})
	if err := g.Wait(); err != nil {
		t.Fatal(err)
	}
}

func TestDoneChannel(t *testing.T) {
	quit := make(chan struct{})
	go func() { // ok: closing quit tells the goroutine to stop
		select {
		case <-quit:
		default:
			t.Log("x")
		}
	}()
	close(quit)
}
