package objects

import "sync"

// Lock discipline: Registry.items is accessed with r.mu held in Put, Get
// and Delete, and without it in Len, which users may call at the same
// time as Put. The type is shared: Watch runs Put on a goroutine.
type Registry struct {
	mu    sync.Mutex
	items map[string]int
	hits  int
}

func NewRegistry() *Registry {
	r := &Registry{}
	r.items = make(map[string]int) // ok: r is not shared yet
	return r
}

func (r *Registry) Put(k string, v int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.items[k] = v
	r.hits++
}

func (r *Registry) Get(k string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.hits++
	return r.items[k]
}

func (r *Registry) Delete(k string) {
	r.mu.Lock()
	delete(r.items, k)
	r.mu.Unlock()
}

func (r *Registry) Watch(keys <-chan string) {
	go func() {
		for k := range keys {
			r.Put(k, 1)
		}
	}()
}

func (r *Registry) Len() int {
	return len(r.items) // want `r.items is read in Len without Registry.mu, which is held at 3 of its \d+ accesses; Put writes it at line \d+ holding it, on the goroutine started at line \d+: Len may run at the same time, and the reader sees a stale or torn value; lock Registry.mu in Len too`
}

// Hits reads r.hits with the lock held by its helper's caller.
func (r *Registry) Hits() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.hitsLocked()
}

func (r *Registry) hitsLocked() int {
	return r.hits // ok: every caller holds r.mu (EntryLocks)
}

// A field written only before publication and read without the lock.
type Config struct {
	mu      sync.Mutex
	name    string
	entries []string
}

func NewConfig(name string) *Config {
	return &Config{name: name}
}

func (c *Config) Add(e string) {
	c.mu.Lock()
	c.entries = append(c.entries, e)
	c.mu.Unlock()
}

func (c *Config) Entries() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.entries
}

func (c *Config) Name() string {
	return c.name // ok: read-only after publication
}

// Guarded accesses that do not outnumber the unguarded ones: no
// discipline to break.
type loose struct {
	mu sync.Mutex
	n  int
}

func (l *loose) Inc() {
	l.mu.Lock()
	l.n++
	l.mu.Unlock()
}

func (l *loose) Reset() { l.n = 0 } // ok: as many unguarded as guarded (weak evidence)

// The same discipline on a type that the package never runs on a
// goroutine of its own: its users may not share it, the evidence is weak.
type Journal struct {
	mu    sync.Mutex
	lines []string
}

func (j *Journal) Add(l string) {
	j.mu.Lock()
	j.lines = append(j.lines, l)
	j.mu.Unlock()
}

func (j *Journal) Lines() []string {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.lines
}

func (j *Journal) Count() int {
	return len(j.lines) // ok: not shared by the package
}

// A field set in a sync.Once and accessed under the mutex afterwards: Do
// returns after the function it runs, the write is ordered before.
type Settings struct {
	mu   sync.Mutex
	once sync.Once
	vals map[string]string
}

func (s *Settings) load() {
	s.once.Do(func() {
		s.vals = map[string]string{} // ok: once, before every Do returns
	})
}

func (s *Settings) Get(k string) string {
	s.load()
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.vals[k]
}

func (s *Settings) Set(k, v string) {
	s.load()
	s.mu.Lock()
	s.vals[k] = v
	s.mu.Unlock()
}

func (s *Settings) Watch(keys <-chan string) {
	go func() {
		for k := range keys {
			s.Set(k, "")
		}
	}()
}
