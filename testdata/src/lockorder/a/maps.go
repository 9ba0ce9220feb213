package a

import "sync"

// Mutexes stored in map values have the class of the map's elements.

type shardSet struct {
	mu     sync.Mutex
	shards map[string]*shard
}

type shard struct {
	mu sync.Mutex
	n  int
}

func (s *shardSet) add(k string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.shards[k].mu.Lock() // shardSet.mu, then shard.mu
	s.shards[k].n++
	s.shards[k].mu.Unlock()
}

func (s *shardSet) drain(k string) {
	s.shards[k].mu.Lock()
	defer s.shards[k].mu.Unlock()
	s.mu.Lock() // want `shardSet.mu is locked while shard.mu is held, but line 20 locks shard.mu while shardSet.mu is held`
	delete(s.shards, k)
	s.mu.Unlock()
}

func (s *shardSet) count(k string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.shards[k].mu.Lock() // ok: the same order as add
	defer s.shards[k].mu.Unlock()
	return s.shards[k].n
}

type lockTable struct {
	mu    sync.Mutex
	locks map[string]*sync.Mutex
	n     int
}

func (t *lockTable) withKey(k string) {
	t.locks[k].Lock()
	defer t.locks[k].Unlock()
	t.mu.Lock() // lockTable.locks[], then lockTable.mu
	t.n++
	t.mu.Unlock()
}

func (t *lockTable) resize(k string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.locks[k].Lock() // want `lockTable.locks\[\] is locked while lockTable.mu is held, but line 50 locks lockTable.mu while lockTable.locks\[\] is held`
	t.locks[k].Unlock()
}

func (t *lockTable) pair(a, b string) {
	t.locks[a].Lock()
	defer t.locks[a].Unlock()
	t.locks[b].Lock() // ok: one class, the order depends on the keys
	t.locks[b].Unlock()
}
