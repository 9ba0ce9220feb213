package a

import "sync"

// Helpers called with their caller's lock held.

type outbox struct {
	mu  sync.Mutex
	buf []string
}

func (o *outbox) publish(s string) {
	o.mu.Lock()
	o.buf = append(o.buf, s)
	o.mu.Unlock()
}

func (o *outbox) Subscribe(subj string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.subscribeLocked(subj)
}

// subscribeLocked is always called with o.mu held.
func (o *outbox) subscribeLocked(subj string) {
	go o.publish("ack " + subj)
	o.buf = append(o.buf, "SUB "+subj) // ok: o.mu is held by every caller
}

type inbox struct {
	mu  sync.Mutex
	buf []string
}

func (b *inbox) publish(s string) {
	b.mu.Lock()
	b.buf = append(b.buf, s)
	b.mu.Unlock()
}

func (b *inbox) Subscribe(subj string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.subscribeLocked(subj)
}

func (b *inbox) Resubscribe(subj string) {
	b.subscribeLocked(subj) // without the lock
}

func (b *inbox) subscribeLocked(subj string) {
	go b.publish("ack " + subj) // want `b.buf is appended to \(in publish\) by the goroutine started at line 52`
	b.buf = append(b.buf, "SUB "+subj)
}
