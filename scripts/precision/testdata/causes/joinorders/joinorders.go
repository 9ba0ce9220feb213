// False alarm (lockorder): one order runs only on the receive goroutine,
// the other only after that goroutine has exited (yamux stream.go:430).
package joinorders

import "sync"

type stream struct{ stateLock sync.Mutex }

type session struct {
	streamLock sync.Mutex
	streams    []*stream
	recvDone   chan struct{}
	in         chan *stream
}

func (s *session) recvLoop() {
	defer close(s.recvDone)
	for st := range s.in {
		st.stateLock.Lock()
		s.streamLock.Lock() // establishStream
		s.streamLock.Unlock()
		st.stateLock.Unlock()
	}
}

func (s *session) Close() {
	close(s.in)
	<-s.recvDone // recvLoop has exited
	s.streamLock.Lock()
	for _, st := range s.streams {
		st.stateLock.Lock()
		st.stateLock.Unlock()
	}
	s.streamLock.Unlock()
}

func Start(s *session) { go s.recvLoop() }
