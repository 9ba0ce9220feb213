//wglint:file-ignore unjoinedgo these tests only log, and losing a log line is fine

package file

import "testing"

func TestLeakOne(t *testing.T) {
	go func() { // ok: the file-ignore directive covers the whole file
		t.Log(Work())
	}()
}

func TestLeakTwo(t *testing.T) {
	go func() { t.Log(Work()) }() // ok: so is this one
}
