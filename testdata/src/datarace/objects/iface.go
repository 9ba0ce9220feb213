package objects

import "sync"

// Races through interface calls. A goroutine that calls a method of an
// interface runs the package's implementation only when the model sees
// every type that may be behind it: an unexported interface with an
// unexported method. An interface with exported methods may hold a value
// of any package: the call is unknown, and no race is claimed through it.

type recorder interface {
	record(s string)
}

type journal struct {
	mu    sync.Mutex
	lines []string
}

func (j *journal) record(s string) {
	j.mu.Lock()
	j.lines = append(j.lines, s)
	j.mu.Unlock()
}

func (j *journal) Reset() {
	j.mu.Lock()
	j.lines = nil
	j.mu.Unlock()
}

func (j *journal) Len() int {
	return len(j.lines) // want `j.lines is read in Len without journal.mu, which is held at 2 of its 3 accesses; record writes it at line \d+ holding it, on the goroutine started at line \d+`
}

func feed(r recorder, in <-chan string) {
	go func() {
		for s := range in {
			r.record(s)
		}
	}()
}

// The twin: Writer's Write may be any package's; that trace has one is no
// evidence that the goroutine runs it.
type Writer interface {
	Write(p []byte) (int, error)
}

type trace struct {
	mu   sync.Mutex
	data []byte
}

func (t *trace) Write(p []byte) (int, error) {
	t.mu.Lock()
	t.data = append(t.data, p...)
	t.mu.Unlock()
	return len(p), nil
}

func (t *trace) Clear() {
	t.mu.Lock()
	t.data = nil
	t.mu.Unlock()
}

func (t *trace) Size() int {
	return len(t.data) // ok: no goroutine of the package is seen to run Write
}

func pump(w Writer, in <-chan []byte) {
	go func() {
		for p := range in {
			w.Write(p)
		}
	}()
}
