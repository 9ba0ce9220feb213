package objects

import "sync"

// Builders with value receivers write their own copy: WithName's o.name
// is not the o.name that Run's goroutine reads.
type Options struct {
	mu   sync.Mutex
	name string
	hits int
}

func (o Options) WithName(n string) Options {
	o.name = n // ok: o is WithName's copy
	return o
}

func (o *Options) Hit() {
	o.mu.Lock()
	o.hits++
	o.mu.Unlock()
}

func (o *Options) Reset() {
	o.mu.Lock()
	o.hits = 0
	o.name = ""
	o.mu.Unlock()
}

func (o *Options) Run() {
	go func() {
		o.mu.Lock()
		_ = o.name
		o.hits++
		o.mu.Unlock()
	}()
}

// An exported method of an unexported type that the package calls itself
// is a helper: its callers' locks are what counts.
type ledger struct {
	mu      sync.Mutex
	entries []int
}

func (l *ledger) add(v int) {
	l.mu.Lock()
	l.entries = append(l.entries, v)
	l.mu.Unlock()
}

func (l *ledger) Clear() {
	l.mu.Lock()
	l.entries = nil
	l.mu.Unlock()
}

func (l *ledger) Each(f func(int)) {
	for _, v := range l.entries { // ok: Each is called by dump, which holds l.mu
		f(v)
	}
}

func (l *ledger) dump(out chan<- int) {
	l.mu.Lock()
	l.Each(func(v int) { out <- v })
	l.mu.Unlock()
}

func runLedger(l *ledger, in <-chan int) {
	go func() {
		for v := range in {
			l.add(v)
		}
	}()
}

// The twin of WithName: a pointer receiver writes the shared o.name.
func (o *Options) SetName(n string) {
	o.name = n // want `o.name is written in SetName without Options.mu`
}

// Copying a map field (its header) does not race with writes of its
// elements: Clone shares the map that Set fills under the lock.
type Vars struct {
	mu     *sync.RWMutex
	static map[string]string
}

func NewVars() *Vars { return &Vars{mu: new(sync.RWMutex), static: map[string]string{}} }

func (v *Vars) Set(k, val string) {
	v.mu.Lock()
	v.static[k] = val
	v.mu.Unlock()
}

func (v *Vars) Get(k string) string {
	v.mu.RLock()
	defer v.mu.RUnlock()
	return v.static[k]
}

func (v *Vars) Watch(in <-chan string) {
	go func() {
		for k := range in {
			v.Set(k, "1")
		}
	}()
}

func (v *Vars) Clone() *Vars {
	return &Vars{mu: v.mu, static: v.static} // ok: copies the map, reads no element
}

// The twin: an element read without the lock.
func (v *Vars) Peek(k string) string {
	return v.static[k] // want `v.static is read in Peek without Vars.mu`
}

func (v *Vars) Delete(k string) {
	v.mu.Lock()
	delete(v.static, k)
	v.mu.Unlock()
}
