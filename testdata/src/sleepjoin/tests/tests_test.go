package tests

import (
	"testing"
	"time"
)

func TestSleep(t *testing.T) {
	go func() {
		t.Log("late")
	}()
	time.Sleep(10 * time.Millisecond) // want `sleeping does not wait for the goroutine started at line 9: TestSleep returns`
}

func TestSleepNoT(t *testing.T) {
	go func() {}()
	time.Sleep(10 * time.Millisecond) // ok: the goroutine does not use t
}
