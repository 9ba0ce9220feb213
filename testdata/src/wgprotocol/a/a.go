// WaitGroup protocol mistakes inside goroutines, and the correct shapes.
package a

import (
	"errors"
	"fmt"
	"sync"
)

func work() error { return errors.New("x") }

func addInside(jobs []int) {
	var wg sync.WaitGroup
	for range jobs {
		go func() {
			wg.Add(1) // want `wg.Add called inside the goroutine it counts: wg.Wait may run before the goroutine starts`
			defer wg.Done()
			fmt.Println("job")
		}()
	}
	wg.Wait()
}

func addInsideLater(jobs []int) {
	var wg sync.WaitGroup
	for range jobs {
		go func() {
			fmt.Println("starting")
			wg.Add(1) // want `wg.Add called inside the goroutine it counts`
			fmt.Println("job")
			wg.Done()
		}()
	}
	wg.Wait()
}

func addBefore(jobs []int) {
	var wg sync.WaitGroup
	for range jobs {
		wg.Add(1) // ok
		go func() {
			defer wg.Done()
		}()
	}
	wg.Wait()
}

// A counted goroutine may add for the goroutines it starts itself.
func nested(jobs []int) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for range jobs {
			wg.Add(1) // ok: the counter is already above zero
			go func() { defer wg.Done() }()
		}
	}()
	wg.Wait()
}

func doneMissing() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		if err := work(); err != nil {
			return // want `goroutine returns here without calling wg.Done: wg.Wait blocks forever; call defer wg.Done\(\)`
		}
		wg.Done()
	}()
	wg.Wait()
}

func donePanics() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		if err := work(); err != nil {
			panic(err) // ok: the program dies anyway
		}
		wg.Done()
	}()
	wg.Wait()
}

func doneTwice() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		if err := work(); err != nil {
			wg.Done() // want `wg.Done called twice on this path \(also at line 90\): the counter goes negative and the program panics`
			return
		}
	}()
	wg.Wait()
}

func doneOncePerPath() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		if err := work(); err != nil {
			wg.Done() // ok: one Done per path
			return
		}
		wg.Done()
	}()
	wg.Wait()
}

func waitInside() {
	var wg sync.WaitGroup
	wg.Add(2)
	for range 2 {
		go func() {
			defer wg.Done()
			wg.Wait() // want `wg.Wait inside a goroutine that wg counts, before its own Done: it waits for itself`
		}()
	}
	wg.Wait()
}

func waitAfterDone() {
	var wg sync.WaitGroup
	wg.Add(2)
	for range 2 {
		go func() {
			wg.Done()
			wg.Wait() // ok: a barrier, after its own Done
		}()
	}
	wg.Wait()
}

func goDone() {
	var wg sync.WaitGroup
	wg.Go(func() {
		defer wg.Done() // want `wg.Done called in a function run by wg.Go, which calls Done itself`
		fmt.Println("x")
	})
	wg.Go(func() { fmt.Println("y") }) // ok
	wg.Wait()
}

type Server struct {
	wg sync.WaitGroup
}

func (s *Server) Start() {
	s.wg.Add(1)
	go s.loop() // ok: loop calls s.wg.Done on every path
}

func (s *Server) loop() {
	defer s.wg.Done()
	fmt.Println("loop")
}

func (s *Server) Stop() { s.wg.Wait() }

// Done once per item received: the WaitGroup counts items, not goroutines.
func perItem(reqs chan int) {
	var wg sync.WaitGroup
	for range 4 {
		go func() {
			for range reqs {
				if work() != nil {
					wg.Done() // ok
					continue
				}
				wg.Done() // ok
			}
		}()
	}
	for i := range 10 {
		wg.Add(1)
		reqs <- i
	}
	wg.Wait()
	close(reqs)
}

// A helper that adds for the goroutines it starts, called from a counted
// goroutine (log/syslog's tests have this shape).
func serve(wg *sync.WaitGroup) {
	for range 3 {
		wg.Add(1) // ok
		go func() { defer wg.Done() }()
	}
}

func counted() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		serve(&wg) // ok: serve's Adds count serve's goroutines
	}()
	wg.Wait()
}

// A recursive worker: its Done is reached through recursion (runtime's
// gc_test has this shape). Not followed, so not reported.
func countdown(n int, wg *sync.WaitGroup) {
	if n == 0 {
		wg.Done()
		return
	}
	countdown(n-1, wg)
}

func recursive() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		countdown(3, &wg) // ok
	}()
	wg.Wait()
}

// A server of this package: the same handshake, in a method and in a
// literal.
type server struct {
	mu      sync.Mutex
	stopped bool
	wg      sync.WaitGroup
}

func (s *server) serve() {
	s.mu.Lock()
	if s.stopped {
		s.mu.Unlock()
		return
	}
	s.wg.Add(1) // ok: ordered by s.mu with stop
	s.mu.Unlock()
	defer s.wg.Done()
}

func (s *server) serveUnchecked() {
	s.mu.Lock()
	s.wg.Add(1) // want `s.wg.Add called inside the goroutine it counts`
	s.mu.Unlock()
	defer s.wg.Done()
}

func (s *server) stop() {
	s.mu.Lock()
	s.stopped = true
	s.mu.Unlock()
	s.wg.Wait()
}

func (s *server) start() {
	go s.serve()
	go s.serveUnchecked()
	go func() {
		s.mu.Lock()
		if s.stopped {
			s.mu.Unlock()
			return
		}
		s.wg.Add(1) // ok: ordered by s.mu with stop
		s.mu.Unlock()
		s.wg.Done()
	}()
}

// A goroutine counted once that starts two more, each calling Done: three
// Dones for Add(3).
func nestedGoroutines() {
	var wg sync.WaitGroup
	wg.Add(3) // ok: the first goroutine starts the other two
	go func() {
		defer wg.Done()
		go func() { defer wg.Done() }()
		go func() { defer wg.Done() }()
	}()
	wg.Wait()
}

// flatGoroutines counts three goroutines and starts two.
func flatGoroutines() {
	var wg sync.WaitGroup
	wg.Add(3) // want `wg.Add\(3\) counts 3 goroutines but only 2 call wg.Done`
	go func() { defer wg.Done() }()
	go func() { defer wg.Done() }()
	wg.Wait()
}
