package objects

import (
	"sort"
	"sync"
)

// slots is sorted in place by sort.Sort under its own lock: Len, Less
// and Swap are called back by sort.Sort, on the caller's goroutine and
// under the caller's lock, so they are helpers of Update, not entry
// points that users call unlocked.
type slots struct {
	sync.Mutex
	vals []int
	n    int
}

func newSlots() *slots {
	s := &slots{vals: make([]int, 16)}
	sort.Sort(s) // s is not shared yet
	go s.run()
	return s
}

func (s *slots) run() {
	for i := 0; i < 10; i++ {
		s.Update(i)
	}
}

func (s *slots) Len() int           { return s.n } // ok: called back by sort.Sort under s's lock
func (s *slots) Less(i, j int) bool { return s.vals[i] < s.vals[j] }
func (s *slots) Swap(i, j int)      { s.vals[i], s.vals[j] = s.vals[j], s.vals[i] }

func (s *slots) Update(v int) {
	s.Lock()
	defer s.Unlock()
	if s.n < len(s.vals) {
		s.vals[s.n] = v
		s.n++
	}
	sort.Sort(s)
}

func (s *slots) Count() int {
	s.Lock()
	defer s.Unlock()
	return s.n
}

func (s *slots) Reset() {
	s.Lock()
	defer s.Unlock()
	s.n = 0
}

// The near twin: the package never sorts unsortedSlots, so its Len is
// reached only from outside (through sort.Interface), with no lock, while
// run's Update writes n.
type unsortedSlots struct {
	sync.Mutex
	vals []int
	n    int
}

func newUnsortedSlots() *unsortedSlots {
	s := &unsortedSlots{vals: make([]int, 16)}
	go s.run()
	return s
}

func (s *unsortedSlots) run() {
	for i := 0; i < 10; i++ {
		s.Update(i)
	}
}

func (s *unsortedSlots) Len() int           { return s.n } // want `s.n is read in Len without unsortedSlots.Mutex`
func (s *unsortedSlots) Less(i, j int) bool { return s.vals[i] < s.vals[j] }
func (s *unsortedSlots) Swap(i, j int)      { s.vals[i], s.vals[j] = s.vals[j], s.vals[i] }

func (s *unsortedSlots) Update(v int) {
	s.Lock()
	defer s.Unlock()
	if s.n < len(s.vals) {
		s.vals[s.n] = v
		s.n++
	}
}

func (s *unsortedSlots) Count() int {
	s.Lock()
	defer s.Unlock()
	return s.n
}

func (s *unsortedSlots) Reset() {
	s.Lock()
	defer s.Unlock()
	s.n = 0
}

var _ = []sort.Interface{newSlots(), newUnsortedSlots()}
