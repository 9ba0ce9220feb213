// False alarm (unjoinedgo): the goroutine uses t only if Accept fails, and
// the listener's Dial (in another package) returns only after Accept has
// taken the connection (fasthttp client_test.go:2467 and 6004, with
// fasthttputil's in-memory listener).
package roundtriporders

import (
	"io"
	"testing"

	"github.com/wglint/wglint/scripts/precision/testdata/causes/roundtriporders/memln"
)

func TestHeader(t *testing.T) {
	ln := memln.New()
	go func() {
		c, err := ln.Accept()
		if err != nil {
			t.Error(err)
		}
		c.Write([]byte("HTTP/1.1 200 OK\r\n\r\n"))
		c.Close()
	}()
	c, err := ln.Dial()
	if err != nil {
		t.Fatal(err)
	}
	io.ReadAll(c)
}
