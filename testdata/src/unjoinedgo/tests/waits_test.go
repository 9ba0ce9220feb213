package tests

import (
	"encoding/gob"
	"net"
	"sync/atomic"
	"testing"
	"time"

	"unjoinedgo/req"
)

// Waits the model knows without a blocking operation on a channel.

func TestDecodeReply(t *testing.T) {
	client, server := net.Pipe()
	go func() { // ok: the client decodes the reply the goroutine writes
		var req string
		if err := gob.NewDecoder(server).Decode(&req); err != nil {
			t.Error(err)
			return
		}
		gob.NewEncoder(server).Encode(req)
	}()
	gob.NewEncoder(client).Encode("ping")
	var reply string
	gob.NewDecoder(client).Decode(&reply)
}

func TestPollSelect(t *testing.T) {
	done := make(chan struct{})
	go func() { // ok: the loop below leaves only once done is closed
		t.Log("working")
		close(done)
	}()
	for {
		select {
		case <-done:
			return
		default:
			time.Sleep(time.Millisecond)
		}
	}
}

func TestPollSelectGivesUp(t *testing.T) {
	done := make(chan struct{})
	go func() { // want `goroutine uses t and may still be running when TestPollSelectGivesUp returns`
		t.Log("working")
		close(done)
	}()
	for i := 0; i < 10; i++ {
		select {
		case <-done:
			return
		default:
			time.Sleep(time.Millisecond)
		}
	}
}

func TestPollAtomic(t *testing.T) {
	var ready atomic.Bool
	go func() { // ok: the loop waits for ready
		t.Log("working")
		ready.Store(true)
	}()
	for !ready.Load() {
		time.Sleep(time.Millisecond)
	}
}

func TestPollAtomicBreak(t *testing.T) {
	var ready int32
	go func() { // ok: the loop leaves when ready is set
		t.Log("working")
		atomic.StoreInt32(&ready, 1)
	}()
	for {
		if atomic.LoadInt32(&ready) == 1 {
			break
		}
		time.Sleep(time.Millisecond)
	}
}

func TestFailNowThroughInterface(t *testing.T) {
	done := make(chan struct{})
	go func() { // ok: the early path ends the test with req.FailNow
		defer close(done)
		t.Log("working")
	}()
	if testing.Short() {
		req.FailNow(t, "short")
		return // not reached
	}
	<-done
}

func TestNoErrorReturns(t *testing.T) {
	done := make(chan struct{})
	go func() { // want `goroutine uses t and may still be running when TestNoErrorReturns returns`
		defer close(done)
		t.Log("working")
	}()
	if testing.Short() {
		req.NoError(t, nil) // returns when err is nil
		return
	}
	<-done
}
