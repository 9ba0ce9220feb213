// False alarm (wgprotocol): the WaitGroup counts messages, not goroutines;
// a worker calls Done once per finished message, through a helper
// (sarama async_producer_race_test.go:20).
package wgcountsitems

import "sync"

type producer struct {
	inFlight sync.WaitGroup
	retries  chan *string
	errors   chan string
}

func (p *producer) returnError(msg *string) {
	p.errors <- *msg
	p.inFlight.Done() // the message's Add was made when it entered
}

func (p *producer) retryHandler() {
	for msg := range p.retries {
		if msg == nil {
			return
		}
		p.returnError(msg)
	}
}

func run(p *producer) {
	done := make(chan struct{})
	go func() { defer close(done); p.retryHandler() }()
	close(p.retries)
	<-done
}
