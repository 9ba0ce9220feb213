// True bug (lockorder): two concurrent Reads of one stream (net.Conn
// allows them) take stateLock and recvLock in opposite orders (yamux
// stream.go:281 against stream.go:107).
package abbareads

import "sync"

type stream struct {
	stateLock, recvLock sync.Mutex
	closed              bool
	buf                 []byte
}

func (s *stream) flags() uint16 {
	s.stateLock.Lock()
	defer s.stateLock.Unlock()
	if s.closed {
		return 1
	}
	return 0
}

func (s *stream) sendWindowUpdate() {
	s.recvLock.Lock()
	f := s.flags() // stateLock while recvLock is held
	s.recvLock.Unlock()
	_ = f
}

func (s *stream) Read(b []byte) int {
	s.stateLock.Lock()
	if s.closed {
		s.recvLock.Lock() // recvLock while stateLock is held
		n := copy(b, s.buf)
		s.recvLock.Unlock()
		s.stateLock.Unlock()
		return n
	}
	s.stateLock.Unlock()
	s.sendWindowUpdate()
	return 0
}
