// False alarm (doublelock): each iteration locks a different element's
// mutex (badger value.go:659).
package perelementlock

import "sync"

type logFile struct {
	lock sync.Mutex
	fd   int
}

type valueLog struct{ files map[uint32]*logFile }

func (v *valueLog) Close() {
	for _, lf := range v.files {
		lf.lock.Lock() // kept locked: the log is closed for good
		lf.fd = -1
	}
}
