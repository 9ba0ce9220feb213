// False alarm (chanleak): the receive sits in a select whose default
// fails the test; on every path that returns, each send was received
// (quic-go connection_test.go:1210, path_manager_outgoing_test.go:129).
package selectdefaultrecv

import (
	"testing"
	"time"
)

func TestOpen(t *testing.T) {
	errChan := make(chan error)
	go func() {
		time.Sleep(time.Millisecond)
		errChan <- nil
	}()
	time.Sleep(10 * time.Millisecond)
	select {
	case err := <-errChan:
		if err != nil {
			t.Fatal(err)
		}
	default:
		t.Fatal("should be done")
	}
}
