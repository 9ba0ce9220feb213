// Two mutexes taken in opposite orders, and consistent orders.
package a

import (
	"fmt"
	"sync"
)

type Stats struct {
	mu    sync.Mutex
	users int
}

type Server struct {
	mu    sync.Mutex
	users map[string]bool
	stats *Stats
}

func (s *Server) addUser(name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.users[name] = true
	s.stats.mu.Lock() // Server.mu, then Stats.mu
	s.stats.users++
	s.stats.mu.Unlock()
}

func (st *Stats) report(s *Server) {
	st.mu.Lock()
	defer st.mu.Unlock()
	s.mu.Lock() // want `Server.mu is locked while Stats.mu is held, but line 24 locks Stats.mu while Server.mu is held: two goroutines taking them in these orders block each other forever`
	fmt.Println(len(s.users), st.users)
	s.mu.Unlock()
}

// Consistent order: Server.mu, then Stats.mu.
func (s *Server) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stats.mu.Lock() // ok
	defer s.stats.mu.Unlock()
	return s.stats.users
}

// Two values of one type: their order depends on the values.
type Account struct {
	mu      sync.Mutex
	balance int
}

func transfer(from, to *Account, n int) {
	from.mu.Lock()
	defer from.mu.Unlock()
	to.mu.Lock() // ok: same class
	defer to.mu.Unlock()
	from.balance -= n
	to.balance += n
}

// Package-level mutexes.
var (
	configMu sync.Mutex
	cacheMu  sync.Mutex
)

func load() {
	configMu.Lock()
	cacheMu.Lock()
	cacheMu.Unlock()
	configMu.Unlock()
}

func flush() {
	cacheMu.Lock()
	defer cacheMu.Unlock()
	lockConfig() // want `lockorder/a.configMu is locked while lockorder/a.cacheMu is held, but line 69 locks lockorder/a.cacheMu while lockorder/a.configMu is held`
}

func lockConfig() {
	configMu.Lock()
	defer configMu.Unlock()
}

// Released before the second lock: no order.
func sequential() {
	cacheMu.Lock()
	cacheMu.Unlock()
	configMu.Lock() // ok
	configMu.Unlock()
}
