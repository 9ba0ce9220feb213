package sleep

import (
	"testing"
	"time"
)

func TestSuppressed(t *testing.T) {
	go func() { t.Log(Work()) }() //wglint:ignore unjoinedgo,sleepjoin the log line is optional; the sleep only slows the test
	time.Sleep(10 * time.Millisecond) // ok: on the line after the directive
}

func TestUsedByTheOtherCheckOnly(t *testing.T) {
	/* want `directive suppresses no sleepjoin finding on this line or the next; remove it, or remove sleepjoin from it` */ //wglint:ignore unjoinedgo,sleepjoin the sleep is two lines below
	go func() { t.Log(Work()) }()
	time.Sleep(10 * time.Millisecond) // want `sleeping does not wait for the goroutine started at line 15: TestUsedByTheOtherCheckOnly returns`
}

func TestTrailing(t *testing.T) {
	go func() { t.Log(Work()) }()
	time.Sleep(10 * time.Millisecond) //wglint:ignore sleepjoin this test checks nothing the goroutine does
}
