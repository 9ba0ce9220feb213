// Named workers started with go, in this package.
package worker

import (
	"errors"
	"sync"
)

func work() error { return errors.New("x") }

func forgets(wg *sync.WaitGroup) {
	_ = work()
}

func sometimes(wg *sync.WaitGroup) {
	if work() != nil {
		return // want `goroutine returns here without calling wg.Done: wg.Wait blocks forever`
	}
	wg.Done()
}

func addsItself(wg *sync.WaitGroup) {
	wg.Add(1) // want `wg.Add called inside the goroutine it counts`
	defer wg.Done()
}

func handsOff(wg *sync.WaitGroup, ch chan *sync.WaitGroup) {
	ch <- wg // the receiver calls Done: not followed, so not reported
}

func run() {
	var wg sync.WaitGroup
	wg.Add(1)
	go forgets(&wg) // want `forgets never calls Done on the WaitGroup it is passed: wg.Wait blocks forever`
	wg.Add(1)
	go sometimes(&wg)
	go addsItself(&wg)
	ch := make(chan *sync.WaitGroup, 1)
	wg.Add(1)
	go handsOff(&wg, ch) // ok
	go func() { (<-ch).Done() }()
	wg.Wait()
}
