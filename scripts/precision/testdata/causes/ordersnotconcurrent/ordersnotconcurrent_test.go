// False alarm (lockorder): the test takes the two locks in the inverse
// order of production code that no goroutine of the test runs
// (franz-go sink_merge_test.go:231 against sink.go:344).
package ordersnotconcurrent

import (
	"runtime"
	"sync"
	"testing"
)

type batch struct{ mu sync.Mutex }

type buf struct {
	mu      sync.Mutex
	merging bool
	batches []*batch
}

func (b *buf) anyCtx() bool { // production order: buf, then batch
	b.mu.Lock()
	defer b.mu.Unlock()
	batch0 := b.batches[0]
	batch0.mu.Lock()
	defer batch0.mu.Unlock()
	return len(b.batches) > 0
}

func (b *buf) merge() { // one lock at a time
	b.mu.Lock()
	b.merging = true
	b.mu.Unlock()
	b.batches[1].mu.Lock()
	b.batches[1].mu.Unlock()
}

func newBuf() *buf { return &buf{batches: []*batch{{}, {}}} }

func TestMerge(t *testing.T) {
	b := newBuf()
	last := b.batches[1]
	last.mu.Lock()
	done := make(chan struct{})
	go func() { defer close(done); b.merge() }()
	for merging := false; !merging; runtime.Gosched() {
		b.mu.Lock() // test order: batch, then buf
		merging = b.merging
		b.mu.Unlock()
	}
	last.mu.Unlock()
	<-done
}
