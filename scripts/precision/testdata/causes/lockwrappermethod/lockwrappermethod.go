// False alarm (lockleak): the Lock method of a type embedding sync.Mutex
// forwards to the embedded Lock; it is a sync.Cond's Locker, whose users
// unlock through the promoted Unlock (temporal
// internal_worker_base_test.go:2660).
package lockwrappermethod

import "sync"

type probe struct {
	sync.Mutex
	entered chan struct{}
	once    sync.Once
}

func (p *probe) Lock() {
	p.Mutex.Lock()
	p.once.Do(func() { close(p.entered) })
}

func newBucket() *sync.Cond {
	return sync.NewCond(&probe{entered: make(chan struct{})})
}
