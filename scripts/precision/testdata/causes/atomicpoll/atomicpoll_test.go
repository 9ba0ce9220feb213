// False alarm (unjoinedgo): the test spins on an atomic counter that each
// goroutine increments as its last action (rueidis pipe_test.go:6169,
// pool_test.go:185).
package atomicpoll

import (
	"runtime"
	"sync/atomic"
	"testing"
)

func TestPoll(t *testing.T) {
	var done int32
	for i := 0; i < 5; i++ {
		go func() {
			if i < 0 {
				t.Errorf("unexpected %d", i)
				return
			}
			atomic.AddInt32(&done, 1)
		}()
	}
	for atomic.LoadInt32(&done) != 5 {
		runtime.Gosched()
	}
}
