// False alarm (lockorder): both nested orders run only on one goroutine
// (the connection's run loop); other goroutines take one lock at a time
// (quic-go framer.go:473).
package orderssamegoroutine

import "sync"

type framer struct {
	mutex, controlMutex sync.Mutex
	streams, control    []int
}

func (f *framer) appendStreamFrames() { // run loop
	f.controlMutex.Lock()
	f.mutex.Lock()
	f.streams = f.streams[:0]
	f.mutex.Unlock()
	f.controlMutex.Unlock()
}

func (f *framer) reject0RTT() { // run loop
	f.mutex.Lock()
	defer f.mutex.Unlock()
	f.controlMutex.Lock()
	defer f.controlMutex.Unlock()
	f.control = f.control[:0]
}

func (f *framer) AddStream(id int) { // any goroutine
	f.mutex.Lock()
	f.streams = append(f.streams, id)
	f.mutex.Unlock()
}

func (f *framer) run(events <-chan bool) {
	for rejected := range events {
		if rejected {
			f.reject0RTT()
		}
		f.appendStreamFrames()
	}
}

func Start(f *framer, events <-chan bool) { go f.run(events) }
