// True bug (doublelock at the Lock, lockleak at the return): the loop
// continues without unlocking on its error branch (sarama
// mocks/async_producer.go:64 and 116). The error is also reported through
// an interface (the mock's TestReporter) that cannot reach txnLock.
package continueheld

import "sync"

type ErrorReporter interface{ Errorf(string, ...any) }

type producer struct {
	t        ErrorReporter
	txnLock  sync.Mutex
	inTxn    bool
	input    chan string
	errors   chan string
	accepted []string
}

func (p *producer) loop() {
	for msg := range p.input {
		p.txnLock.Lock()
		if !p.inTxn {
			p.t.Errorf("attempt to send %s outside a transaction", msg)
			p.errors <- "not in a transaction: " + msg
			continue // txnLock stays locked
		}
		p.txnLock.Unlock()
		p.accepted = append(p.accepted, msg)
	}
}

func Start(p *producer) { go p.loop() }
