package a

import (
	"testing"
	"time"
)

// A receive in a select with default counts on the paths through its case.

func TestReadyOrFail(t *testing.T) {
	errc := make(chan error)
	go func() {
		errc <- nil
	}()
	time.Sleep(10 * time.Millisecond)
	select {
	case err := <-errc: // ok: the receive happens on this path
		if err != nil {
			t.Fatal(err)
		}
	default:
		t.Fatal("not ready") // ends the test
	}
}

func TestReadyOrGiveUp(t *testing.T) {
	errc := make(chan error)
	go func() {
		errc <- nil
	}()
	select {
	case err := <-errc:
		if err != nil {
			t.Error(err)
		}
	default:
		t.Log("not ready")
	}
} // want `returns at the end of TestReadyOrGiveUp without receiving from errc`
