/* want `directive suppresses no unjoinedgo finding in this file; remove it` */ //wglint:file-ignore unjoinedgo,sleepjoin nothing in this file leaks

package file

import (
	"sync"
	"testing"
)

func TestJoined(t *testing.T) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // ok: joined
		defer wg.Done()
		t.Log(Work())
	}()
	wg.Wait()
}
