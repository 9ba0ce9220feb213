package a

import "sync"

// Locks taken by callees on some of their paths only.

type Index struct {
	mu    sync.Mutex
	n     int
	store *Store
}

type Store struct {
	mu    sync.Mutex
	dirty bool
}

// maybeFlush locks the index only when the store is dirty.
func (st *Store) maybeFlush(ix *Index) {
	if !st.dirty {
		return
	}
	ix.mu.Lock()
	ix.n = 0
	ix.mu.Unlock()
}

func (st *Store) save(ix *Index) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.maybeFlush(ix) // Store.mu, then Index.mu when the store is dirty
}

func (ix *Index) update() {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.n++
	ix.store.mu.Lock() // want `Store.mu is locked while Index.mu is held, but line 31 calls maybeFlush, which on some paths locks Index.mu while Store.mu is held`
	ix.store.dirty = true
	ix.store.mu.Unlock()
}

// Two callees that each lock on some paths only, in opposite orders:
// neither order is certain, nothing is reported.

type Journal struct {
	mu   sync.Mutex
	on   bool
	tail *Tail
}

type Tail struct {
	mu sync.Mutex
	on bool
}

func (t *Tail) maybeJournal(j *Journal) {
	if t.on {
		j.mu.Lock()
		j.mu.Unlock()
	}
}

func (j *Journal) maybeTail() {
	if j.on {
		j.tail.mu.Lock()
		j.tail.mu.Unlock()
	}
}

func (j *Journal) sync() {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.maybeTail() // ok: the opposite order is only possible too
}

func (t *Tail) sync(j *Journal) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.maybeJournal(j) // ok
}

// A callee that locks on some paths, in the same order as everyone else.

type Queue struct {
	mu    sync.Mutex
	items []int
	stats *QueueStats
}

type QueueStats struct {
	mu sync.Mutex
	n  int
}

func (q *Queue) maybeCount() {
	if len(q.items) > 0 {
		q.stats.mu.Lock()
		q.stats.n++
		q.stats.mu.Unlock()
	}
}

func (q *Queue) push(x int) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.items = append(q.items, x)
	q.maybeCount() // ok: Queue.mu, then QueueStats.mu, as in pop
}

func (q *Queue) pop() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.stats.mu.Lock()
	q.items = q.items[1:]
	q.stats.mu.Unlock()
}

// A callee that releases its caller's lock and takes it again: the call
// waits for the lock while what else the caller holds stays held.

type Pool struct {
	mu    sync.Mutex
	conns int
}

type Conn struct {
	mu   sync.Mutex
	pool *Pool
	busy bool
}

// waitPool lets other goroutines use the pool for a while; it returns
// with p.mu held again.
func (p *Pool) waitPool() {
	p.mu.Unlock()
	p.mu.Lock()
}

func (c *Conn) release() {
	c.pool.mu.Lock()
	defer c.pool.mu.Unlock()
	c.mu.Lock()
	c.busy = false
	c.pool.waitPool() // want `Pool.mu is unlocked and locked again by waitPool while Conn.mu is held, but line 143 locks Conn.mu while Pool.mu is held`
	c.mu.Unlock()
}

// releaseFirst unlocks the connection before it waits.
func (c *Conn) releaseFirst() {
	c.pool.mu.Lock()
	defer c.pool.mu.Unlock()
	c.mu.Lock()
	c.busy = false
	c.mu.Unlock()
	c.pool.waitPool() // ok: Conn.mu is released
}

// The callee itself takes another lock while its caller's lock is
// released, then the caller's lock again.

type Registry struct {
	mu   sync.Mutex
	n    int
	list *List
}

type List struct {
	mu sync.Mutex
	n  int
}

func (r *Registry) waitList() {
	r.mu.Unlock()
	r.list.mu.Lock()
	r.mu.Lock() // List.mu, then Registry.mu
	r.list.mu.Unlock()
}

func (r *Registry) refresh() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.list.mu.Lock() // want `List.mu is locked while Registry.mu is held, but line 176 locks Registry.mu while List.mu is held`
	r.n = r.list.n
	r.list.mu.Unlock()
	r.waitList() // ok: r.mu is released inside before List.mu is locked
}

// A lock on some paths two calls down: the branches that decide it are
// not the caller's, and the opposite order may exclude them.

type Session struct {
	mu    sync.Mutex
	state int
	auth  *Auth
}

type Auth struct {
	mu sync.Mutex
	n  int
}

func (a *Auth) lockedRenew() {
	a.mu.Lock()
	a.n++
	a.mu.Unlock()
}

func (a *Auth) renewIfStale(s *Session) {
	if s.state == 2 {
		a.lockedRenew()
	}
}

func (s *Session) step() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.auth.renewIfStale(s) // ok: Auth.mu is locked two calls down, on some paths
}

func (a *Auth) check(s *Session) {
	a.mu.Lock()
	defer a.mu.Unlock()
	s.mu.Lock() // ok
	s.state = 1
	s.mu.Unlock()
}
