// False alarm (chanclose): the first close is followed by FailNow reached
// through an interface, as testify's suite and require do (temporal
// internal_worker_base_test.go:243).
package failnowinterface

import (
	"testing"
	"time"
)

type TestingT interface{ FailNow() }

type suite struct{ t TestingT }

func (s *suite) FailNow(msg string) { println(msg); s.t.FailNow() }

func TestMark(t *testing.T) {
	s := &suite{t: t}
	unblock := make(chan struct{})
	started := make(chan struct{})
	go func() { <-unblock }()
	go close(started)
	select {
	case <-started:
	case <-time.After(time.Second):
		close(unblock)
		s.FailNow("blocked")
	}
	close(unblock)
}
