// True bug (wgprotocol): Done only on the success branch, so a failing
// goroutine makes Wait hang instead of failing the test (rueidis
// mux_test.go:919, quic-go cancelation_test.go:400).
package doneonsuccess

import (
	"sync"
	"testing"
)

func do(i int) (string, error) { return "OK", nil }

func TestBlocking(t *testing.T) {
	var wg sync.WaitGroup
	wg.Add(2)
	for i := range 2 {
		go func() {
			if val, err := do(i); err != nil {
				t.Errorf("unexpected error %v", err)
			} else if val != "OK" {
				t.Errorf("unexpected response %v", val)
			} else {
				wg.Done()
			}
		}()
	}
	wg.Wait()
}
