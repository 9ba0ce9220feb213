package objects

import (
	"context"
	"errors"
	"sync"
)

// A type that orders its own accesses (quic-go's datagramQueue):
// CloseWithError writes closeErr and then closes closed; Receive reads
// closeErr only after its receive from closed. No race between the
// caller's call and the goroutine's. (The model sees this order here;
// conc.Model.OrdersOwnAccesses keeps such pairs silent where it does not,
// as in quic-go's test, reached through deeper calls.)
type dgramQueue struct {
	mu       sync.Mutex
	queue    [][]byte
	rcvd     chan struct{}
	closed   chan struct{}
	closeErr error
}

func (q *dgramQueue) Receive(ctx context.Context) ([]byte, error) {
	for {
		q.mu.Lock()
		if len(q.queue) > 0 {
			b := q.queue[0]
			q.queue = q.queue[1:]
			q.mu.Unlock()
			return b, nil
		}
		q.mu.Unlock()
		select {
		case <-q.rcvd:
			continue
		case <-q.closed:
			return nil, q.closeErr
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

func (q *dgramQueue) CloseWithError(err error) {
	q.closeErr = err
	close(q.closed)
}

func useQueue(run func(func())) {
	run(func() {
		q := &dgramQueue{rcvd: make(chan struct{}), closed: make(chan struct{})}
		done := make(chan error, 1)
		go func() {
			_, err := q.Receive(context.Background())
			done <- err
		}()
		q.CloseWithError(errors.New("closed")) // ok: Receive reads closeErr after the close
		select {
		case <-done:
		default:
		}
	})
}
