package a

import (
	"runtime"
	"sync"
	"testing"
)

// A test's own order against one that no goroutine of the test runs.

type batch struct{ mu sync.Mutex }

type buffer struct {
	mu      sync.Mutex
	merging bool
	batches []*batch
}

func (b *buffer) anyCtx() bool { // buffer, then batch
	b.mu.Lock()
	defer b.mu.Unlock()
	first := b.batches[0]
	first.mu.Lock()
	defer first.mu.Unlock()
	return len(b.batches) > 0
}

func (b *buffer) merge() { // one lock at a time
	b.mu.Lock()
	b.merging = true
	b.mu.Unlock()
	b.batches[1].mu.Lock()
	b.batches[1].mu.Unlock()
}

func TestMerge(t *testing.T) {
	b := &buffer{batches: []*batch{{}, {}}}
	last := b.batches[1]
	last.mu.Lock()
	done := make(chan struct{})
	go func() { defer close(done); b.merge() }()
	for merging := false; !merging; runtime.Gosched() {
		b.mu.Lock() // ok: anyCtx does not run during this test
		merging = b.merging
		b.mu.Unlock()
	}
	last.mu.Unlock()
	<-done
}

type chunk struct{ mu sync.Mutex }

type queue struct {
	mu     sync.Mutex
	chunks []*chunk
}

func (q *queue) peek() bool { // queue, then chunk
	q.mu.Lock()
	defer q.mu.Unlock()
	c := q.chunks[0]
	c.mu.Lock()
	defer c.mu.Unlock()
	return true
}

func TestPeekWhileHeld(t *testing.T) {
	q := &queue{chunks: []*chunk{{}}}
	c := q.chunks[0]
	c.mu.Lock()
	done := make(chan struct{})
	go func() { defer close(done); q.peek() }()
	q.mu.Lock() // want `queue.mu is locked while chunk.mu is held`
	q.mu.Unlock()
	c.mu.Unlock()
	<-done
}
