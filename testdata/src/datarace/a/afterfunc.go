package a

import (
	"sync"
	"time"
)

// The function given to time.AfterFunc runs on a goroutine of its own
// when the timer fires, concurrently with the code that set it.

type retrier struct {
	mu       sync.Mutex
	attempts int
}

func (r *retrier) schedule() {
	time.AfterFunc(time.Second, func() {
		r.attempts++ // want `r.attempts is updated by the goroutine started at line \d+ while schedule writes it`
	})
	r.attempts = 0
}

// The twin: both sides hold r.mu.
func (r *retrier) scheduleLocked() {
	time.AfterFunc(time.Second, func() {
		r.mu.Lock()
		r.attempts++ // ok: under r.mu
		r.mu.Unlock()
	})
	r.mu.Lock()
	r.attempts = 0
	r.mu.Unlock()
}

// A timer that is kept may be stopped, and the code that stops it may
// wait for its function (net.pipeDeadline): such timers are not followed.
type deadline struct {
	mu     sync.Mutex
	timer  *time.Timer
	cancel chan struct{}
}

func (d *deadline) set(dur time.Duration) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.timer != nil && !d.timer.Stop() {
		<-d.cancel // the function has run: it closed d.cancel
	}
	d.cancel = make(chan struct{}) // ok: the function is stopped or has finished
	d.timer = time.AfterFunc(dur, func() {
		close(d.cancel)
	})
}
