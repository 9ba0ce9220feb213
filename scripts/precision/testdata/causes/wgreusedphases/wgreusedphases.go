// False alarm (wgprotocol): one WaitGroup used for two phases in turn; the
// second Done matches an Add made before the event that lets the goroutine
// finish (go-redis pubsub_test.go:534).
package wgreusedphases

import "sync"

func run(closed chan struct{}) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		wg.Done() // phase 1: started
		defer wg.Done()
		<-closed // returns only after close(closed) below
	}()
	wg.Wait()
	wg.Add(1) // phase 2: finished
	close(closed)
	wg.Wait()
}
