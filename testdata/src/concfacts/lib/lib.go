// Package lib has functions whose summaries are exported as facts.
package lib

import (
	"sync"
	"time"
)

// Finish calls Done on every path.
func Finish(wg *sync.WaitGroup) { // want Finish:`summary\(param0:done\)`
	defer wg.Done()
}

// MaybeFinish calls Done on some paths only.
func MaybeFinish(wg *sync.WaitGroup, ok bool) { // want MaybeFinish:`summary\(param0:maybe-done\)`
	if ok {
		wg.Done()
	}
}

// Start counts itself.
func Start(wg *sync.WaitGroup) { // want Start:`summary\(param0:add\+done\)`
	wg.Add(1)
	defer wg.Done()
}

// Join waits: depth 1.
func Join(wg *sync.WaitGroup) { // want Join:`summary\(joins1 param0:wait\)`
	wg.Wait()
}

// JoinVia calls a function that waits on its parameter: it waits on its
// own parameter too.
func JoinVia(wg *sync.WaitGroup) { // want JoinVia:`summary\(joins1 param0:wait\)`
	Join(wg)
}

// Copy does nothing the caller sees: the WaitGroup is a copy.
func Copy(wg sync.WaitGroup) {
	wg.Done()
}

// Store lets the WaitGroup escape.
func Store(wg *sync.WaitGroup) { // want Store:`summary\(param0:escapes\)`
	saved = wg
}

var saved *sync.WaitGroup

type Server struct {
	wg   sync.WaitGroup
	quit chan struct{}
}

// Loop runs until quit is closed, and calls Done on the receiver's wg.
func (s *Server) Loop() { // want Loop:`summary\(joins1 recv.wg:done\)`
	defer s.wg.Done()
	for {
		select {
		case <-s.quit:
			return
		case <-time.After(time.Second):
		}
	}
}

// Forever never returns.
func Forever() { // want Forever:`summary\(forever\)`
	for {
		time.Sleep(time.Second)
	}
}

// Tick ranges over a ticker forever.
func Tick(t *time.Ticker) { // want Tick:`summary\(joins1 forever\)`
	for range t.C {
	}
}

// Recv receives: depth 1.
func Recv(ch chan int) int { return <-ch } // want Recv:`summary\(joins1 chan0:recv1\)`

// Depth grows by one per call, up to MaxJoinDepth+1.
func Recv2(ch chan int) int { return Recv(ch) } // want Recv2:`summary\(joins2 chan0:recv1\)`

func Recv3(ch chan int) int { return Recv2(ch) } // want Recv3:`summary\(joins3 chan0:recv1\)`

func Recv4(ch chan int) int { return Recv3(ch) } // want Recv4:`summary\(joins4 chan0:recv1\)`

// Too deep: a call of Recv4 does not count as a join.
func Recv5(ch chan int) int { return Recv4(ch) } // want Recv5:`summary\(chan0:recv1\)`

type Table struct {
	mu sync.RWMutex
	m  map[string]int
}

// Len locks and unlocks s.mu.
func (s *Table) Len() int { // want Len:`summary\(recv.mu:rlocks\)`
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.m)
}

// Put takes the write lock.
func (s *Table) Put(k string) { // want Put:`summary\(recv.mu:locks\)`
	s.mu.Lock()
	s.m[k] = 1
	s.mu.Unlock()
}

// lock returns holding s.mu.
func (s *Table) lock() { // want lock:`summary\(recv.mu:returns-locked\)`
	s.mu.Lock()
}

// unlock releases s.mu, held by its caller.
func (s *Table) unlock() { // want unlock:`summary\(recv.mu:unlocks\)`
	s.mu.Unlock()
}

// wait releases s.mu while it waits, and takes it again: no net change,
// but it locks s.mu (an acquisition for lock orders).
func (s *Table) wait(ch chan int) { // want wait:`summary\(joins1 recv.mu:relocks chan0:recv1\)`
	s.mu.Unlock()
	<-ch
	s.mu.Lock()
}

var global sync.Mutex

// LockGlobal locks a package-level mutex.
func LockGlobal() { // want LockGlobal:`summary\(global:locks\)`
	global.Lock()
	defer global.Unlock()
}

// Channel effects on parameters.

func Produce(ch chan<- int) { ch <- 42 } // want Produce:`summary\(joins1 chan0:send1\)`

func Forward(ch chan<- int, xs []int) { // want Forward:`summary\(joins1 chan0:send2\)`
	for _, x := range xs {
		ch <- x
	}
}

func CloseIt(ch chan struct{}) { defer close(ch) } // want CloseIt:`summary\(chan0:close\)`

func Drain(ch <-chan int) { // want Drain:`summary\(joins1 chan0:range\)`
	for range ch {
	}
}

func Keep(ch chan int) { kept = ch } // want Keep:`summary\(chan0:escapes\)`

var kept chan int

func Poll(ch chan int) { // want Poll:`summary\(chan0:select\)`
	select {
	case <-ch:
	default:
	}
}

// One send per branch: at most one send on any path.
func Either(ch chan<- int, ok bool) { // want Either:`summary\(joins1 chan0:send1\)`
	if ok {
		ch <- 1
	} else {
		ch <- 0
	}
}

// Both sends on one path.
func Both(ch chan<- int, ok bool) { // want Both:`summary\(joins1 chan0:send2\)`
	if ok {
		ch <- 1
	}
	ch <- 0
}

// A send, then a close.
func SendClose(ch chan int) { // want SendClose:`summary\(joins1 chan0:send1\+close-after-send\)`
	ch <- 1
	close(ch)
}

// A close that may come first.
func CloseFirst(ch chan int, ok bool) { // want CloseFirst:`summary\(joins1 chan0:send1\+close\)`
	if ok {
		close(ch)
		return
	}
	ch <- 1
}

// A returned channel that a goroutine sends on.
func Async() <-chan int { // want Async:`summary\(result0:sent\)`
	ch := make(chan int)
	go func() { ch <- 1 }()
	return ch
}
