// Package limitations records what chanclose does not report.
package limitations

type server struct {
	quit chan struct{}
}

// Closed by two methods: only closes within one function are compared.
func (s *server) Stop()  { close(s.quit) }
func (s *server) Close() { close(s.quit) } // ok: a double close if both are called, not reported

// The receiving side closes after receiving some values only: senders
// that have not sent yet panic. Not reported: receiving counts as waiting.
func partial(xs []int) {
	out := make(chan int)
	for _, x := range xs {
		go func() { out <- x }()
	}
	<-out
	close(out) // ok: a panic for the other senders, not reported
}
