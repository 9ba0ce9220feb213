// Calls into package lib, seen through its facts.
package cross

import (
	"sync"

	"wgprotocol/lib"
)

func viaFacts() {
	var wg sync.WaitGroup
	wg.Add(2) // ok: each goroutine calls lib.Finish
	for range 2 {
		go func() {
			lib.Finish(&wg)
		}()
	}
	wg.Wait()

	wg.Add(1)
	go func() {
		lib.MaybeFinish(&wg, true) // the goroutine's only Done is conditional
	}() // want `goroutine returns here without calling wg.Done`

	wg.Add(1)
	go func() {
		defer lib.Finish(&wg)
		lib.Finish(&wg) // want `wg.Done called twice on this path`
	}()
	wg.Wait()
}

func selfCounting() {
	var wg sync.WaitGroup
	go lib.Start(&wg) // want `Start calls wg.Add inside the goroutine it counts`
	wg.Wait()
}

func forgetful() {
	var wg sync.WaitGroup
	wg.Add(1)
	go lib.Ignore(&wg) // want `Ignore never calls Done on the WaitGroup it is passed: wg.Wait blocks forever`
	wg.Wait()
}

func serving(s *lib.Server) {
	go s.Serve()          // ok: the Add is ordered by s.mu with Stop
	go s.ServeUnchecked() // want `ServeUnchecked calls s.wg.Add inside the goroutine it counts`
	s.Stop()
}
