package a

import "sync"

// WaitGroups that do not count one goroutine each.

// producer's inFlight counts messages: Done once per message, in a helper
// called from a loop.
type producer struct {
	inFlight sync.WaitGroup
	retries  chan *string
	errs     chan string
}

func (p *producer) returnError(msg *string) {
	p.errs <- *msg
	p.inFlight.Done()
}

func (p *producer) retryHandler() {
	for msg := range p.retries {
		if msg == nil {
			return
		}
		p.returnError(msg)
	}
}

func runProducer(p *producer) {
	done := make(chan struct{})
	go func() { defer close(done); p.retryHandler() }() // ok: Done once per message
	close(p.retries)
	<-done
}

// twoPhases reuses one WaitGroup: started, then finished.
func twoPhases(closed chan struct{}) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		wg.Done()
		defer wg.Done() // ok: the second Add comes before close(closed), which this goroutine waits for
		<-closed
	}()
	wg.Wait()
	wg.Add(1)
	close(closed)
	wg.Wait()
}

// twoDonesNoWait calls Done twice with nothing in between.
func twoDonesNoWait() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		wg.Done()
		defer wg.Done() // want `wg.Done called twice on this path`
	}()
	wg.Wait()
}

// drainer holds two counts: its own, and its producer's, which it Dones
// when the producer has finished.
func drainer(wg *sync.WaitGroup, stop chan struct{}) {
	out := make(chan int)
	wg.Add(1) // for the producer of out
	go func() {
		for i := 0; i < 3; i++ {
			out <- i
		}
		close(out)
	}()
	wg.Add(1)
	go func() {
		defer wg.Done()
		select {
		case <-out:
		case <-stop:
		}
		for range out {
		}
		wg.Done() // ok: the producer's count
	}()
}
