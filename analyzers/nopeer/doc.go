// Package nopeer defines an Analyzer that reports channel and Cond
// operations that no code of the package can complete.
//
// # Analyzer nopeer
//
// nopeer: report operations that no other party can complete
//
// A receive completes when another goroutine sends or closes the channel;
// a send on an unbuffered channel when another goroutine receives; a
// Cond.Wait when another goroutine calls Signal or Broadcast. When no code
// can ever do its part, the operation blocks forever and its goroutine
// leaks (or the program dies with "all goroutines are asleep"). The check
// looks at channels and Conds that only this package can reach: unexported
// fields of its types, and local channels that no other function gets.
// Every use of such an object is in the package, so the model sees every
// party: it reports
//
//   - a blocking receive (or range) from a channel that nothing sends on or
//     closes;
//   - a send on an unbuffered channel that nothing receives from (or a
//     buffered one, in a loop);
//   - Cond.Wait on a Cond that nothing signals;
//   - a send beyond the buffer of a channel made by the function, before
//     it starts the goroutine that receives from it.
//
// A field handed to code the model does not follow (passed to a function,
// stored elsewhere, returned, given another channel) is not judged.
//
// Bad:
//
//	type server struct {
//		ready chan struct{}
//	}
//
//	func (s *server) waitReady() {
//		<-s.ready // nothing closes s.ready
//	}
//
// Good:
//
//	type server struct {
//		ready chan struct{}
//	}
//
//	func (s *server) start() {
//		go func() {
//			s.init()
//			close(s.ready)
//		}()
//	}
//
//	func (s *server) waitReady() {
//		<-s.ready
//	}
package nopeer
