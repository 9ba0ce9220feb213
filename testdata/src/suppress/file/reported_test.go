package file

import "testing"

// A file-ignore directive covers its own file only.
func TestLeakThree(t *testing.T) {
	go func() { // want `goroutine uses t and may still be running when TestLeakThree returns`
		t.Log(Work())
	}()
}
