// False alarm (wgprotocol): a goroutine owns two counts, its own and the
// one added for the producer of the channel it drains; it Dones the
// second when that channel closes (paho client.go:669).
package wgdoneforotheradd

import "sync"

func start(wg *sync.WaitGroup, stop chan struct{}) {
	ackOut := make(chan int)
	wg.Add(1) // for the producer of ackOut: Done when ackOut is closed
	go func() {
		for i := 0; i < 3; i++ {
			ackOut <- i
		}
		close(ackOut)
	}()
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case _, ok := <-ackOut:
				if !ok {
					ackOut = nil
					wg.Done() // the producer has finished
				}
			case <-stop:
				if ackOut != nil {
					for range ackOut {
					}
					wg.Done() // the producer has finished
				}
				return
			}
		}
	}()
}
