// False alarm (lockleak): the lock is released by a closure stored in a
// local (nats.go js.go:978, go-redis autopipeline_fd_pipeline.go:414).
package closurelocal

import "sync"

type js struct {
	mu   sync.Mutex
	pafs map[string]int
}

func (j *js) handleReply(id string, bad bool) {
	j.mu.Lock()
	doErr := func(err string) {
		delete(j.pafs, id)
		j.mu.Unlock()
		println(err)
	}
	if bad {
		doErr("invalid ack")
		return
	}
	j.pafs[id]++
	j.mu.Unlock()
}
