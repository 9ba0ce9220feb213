// Copies of a sync.WaitGroup, and the near misses that are not copies.
package a

import (
	"fmt"
	"sync"
)

type Server struct {
	name string
	wg   sync.WaitGroup
}

type Pool struct {
	wg *sync.WaitGroup // ok: a pointer
}

func byValue(wg sync.WaitGroup) { // want `parameter wg receives a copy of a sync.WaitGroup: Done on the copy never reaches the original, so Wait on the original blocks forever; pass a pointer`
	wg.Done()
}

func byPointer(wg *sync.WaitGroup) { // ok
	wg.Done()
}

func (s Server) Stop() { // want `value receiver s copies the sync.WaitGroup in wg on every call`
	s.wg.Wait()
}

func (s *Server) Start() { // ok: pointer receiver
	s.wg.Add(1)
}

func (s Server) Name() string { // want `value receiver s copies the sync.WaitGroup in wg`
	return s.name
}

func newGroup() sync.WaitGroup { // ok: returns a new value
	return sync.WaitGroup{}
}

func get(p *sync.WaitGroup) sync.WaitGroup {
	return *p // want `return copies a sync.WaitGroup from \*p`
}

func newServer() *Server { return &Server{} } // ok

func copies(s *Server, ss []Server, p *sync.WaitGroup) {
	var wg sync.WaitGroup
	wg2 := wg                     // want `assignment copies a sync.WaitGroup from wg`
	var s2 = *s                   // want `assignment copies the sync.WaitGroup in wg from \*s`
	fresh := sync.WaitGroup{}     // ok: a new value
	ptr := &wg                    // ok: a pointer
	_ = wg                        // ok: not stored
	byValue(wg)                   // want `call of byValue passes a copy of the sync.WaitGroup wg: Done on the copy never reaches the original`
	byValue(*p)                   // want `call of byValue passes a copy of the sync.WaitGroup \*p`
	byPointer(&wg)                // ok
	fmt.Println(len(ss), cap(ss)) // ok
	for _, srv := range ss {      // want `range variable srv copies the sync.WaitGroup in wg of each element`
		fmt.Println(srv.name)
	}
	for i := range ss { // ok: by index
		ss[i].wg.Wait()
	}
	pool := Pool{wg: &wg}                         // ok
	holder := struct{ wg sync.WaitGroup }{wg: wg} // want `composite literal copies a sync.WaitGroup from wg`
	ch := make(chan Server, 1)
	ch <- *s                                       // want `send copies the sync.WaitGroup in wg from \*s`
	fmt.Println(wg2, s2, fresh, ptr, pool, holder) // ok: an interface parameter cannot Done
}

// A look-alike type is not a sync.WaitGroup.
type WaitGroup struct{ n int }

func (w *WaitGroup) Done() {}

func lookAlike(wg WaitGroup) { wg.Done() } // ok

// Aliases and generics.
type WG = sync.WaitGroup

func alias(wg WG) {} // want `parameter wg receives a copy of a sync.WaitGroup`

func generic[T any](wg *sync.WaitGroup, v T) {} // ok
