package a

import "sync"

// Two orders that cannot run at the same time.

// One order runs only on the receive goroutine; Close takes the other
// after that goroutine has finished.
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
		s.streamLock.Lock() // ok: Close takes the other order after recvLoop has returned
		s.streamLock.Unlock()
		st.stateLock.Unlock()
	}
}

func (s *session) Close() {
	close(s.in)
	<-s.recvDone
	s.streamLock.Lock()
	for _, st := range s.streams {
		st.stateLock.Lock()
		st.stateLock.Unlock()
	}
	s.streamLock.Unlock()
}

func StartSession(s *session) { go s.recvLoop() }

// tunnel is session without the wait for the receive goroutine.
type pipe struct{ stateLock sync.Mutex }

type tunnel struct {
	streamLock sync.Mutex
	pipes      []*pipe
	in         chan *pipe
}

func (t *tunnel) recvLoop() {
	for p := range t.in {
		p.stateLock.Lock()
		t.streamLock.Lock()
		t.streamLock.Unlock()
		p.stateLock.Unlock()
	}
}

func (t *tunnel) Close() {
	close(t.in)
	t.streamLock.Lock()
	for _, p := range t.pipes {
		p.stateLock.Lock() // want `pipe.stateLock is locked while tunnel.streamLock is held`
		p.stateLock.Unlock()
	}
	t.streamLock.Unlock()
}

func StartTunnel(t *tunnel) { go t.recvLoop() }

// Both orders run only on the connection's run loop, started once.
type framer struct {
	mutex, controlMutex sync.Mutex
	streams, control    []int
}

func (f *framer) appendStreamFrames() {
	f.controlMutex.Lock()
	f.mutex.Lock() // ok: the other order runs on the same goroutine
	f.streams = f.streams[:0]
	f.mutex.Unlock()
	f.controlMutex.Unlock()
}

func (f *framer) reject0RTT() {
	f.mutex.Lock()
	defer f.mutex.Unlock()
	f.controlMutex.Lock()
	defer f.controlMutex.Unlock()
	f.control = f.control[:0]
}

func (f *framer) run(events <-chan bool) {
	for rejected := range events {
		if rejected {
			f.reject0RTT()
		}
		f.appendStreamFrames()
	}
}

func StartFramer(f *framer, events <-chan bool) { go f.run(events) }

// packer's orders run on two run loops started by each call: they may
// overlap.
type packer struct {
	mutex, controlMutex sync.Mutex
	n                   int
}

func (p *packer) pack() {
	p.controlMutex.Lock()
	p.mutex.Lock()
	p.n++
	p.mutex.Unlock()
	p.controlMutex.Unlock()
}

func (p *packer) reject() {
	p.mutex.Lock()
	defer p.mutex.Unlock()
	p.controlMutex.Lock() // want `packer.controlMutex is locked while packer.mutex is held`
	defer p.controlMutex.Unlock()
	p.n = 0
}

func StartPacker(p *packer) {
	go p.pack()
	go p.reject()
}
