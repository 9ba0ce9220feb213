// Package wgprotocol defines an Analyzer that reports misuses of the
// sync.WaitGroup Add, Done and Wait protocol.
//
// # Analyzer wgprotocol
//
// wgprotocol: report WaitGroup Add, Done and Wait calls that do not match
//
// A WaitGroup counts goroutines: Add before the go statement, Done once when
// the goroutine finishes, Wait in the goroutine that waits. The check
// reports, with the WaitGroup identified by its variable or field (never by
// its name):
//
//   - add-in-goroutine: Add called inside the goroutine it counts (also in a
//     named function started with go): Wait may run before the goroutine and
//     return at once.
//   - add-mismatch: a constant Add(n) that does not match the number of
//     goroutines started when that number is known (constant loops,
//     literal slices, repeated go statements): Wait blocks forever if n is
//     larger, the counter goes negative and panics if n is smaller.
//   - done-missing: a goroutine counted by the WaitGroup that returns on some
//     path without calling Done, or a worker function that never calls Done:
//     Wait blocks forever.
//   - done-twice: Done called twice on one path: the counter goes negative
//     and the program panics.
//   - wait-in-goroutine: Wait called inside a goroutine that the same
//     WaitGroup counts, before its own Done: it waits for itself forever.
//   - done-in-go: Done called inside a function started by WaitGroup.Go,
//     which already calls Done: the counter goes negative and panics.
//   - wait-missing: Add (or Go) on a WaitGroup field before a goroutine that
//     calls Done, when no function of the package ever calls Wait on that
//     field: the count is dead and the goroutines are never joined. Only
//     unexported fields whose every use the package's index sees are
//     judged. The same for a local WaitGroup that neither the function, nor
//     its callees, nor a goroutine or literal inside it waits on, and that
//     is not handed to code the model does not follow.
//   - wait-blocked: Wait (inside the loop that starts the goroutines, or
//     after a single go statement) waits for a goroutine that, on every
//     path to its Done, first blocks on a channel (a send on an
//     unbuffered channel, or a receive) that only the waiting function
//     serves, after the Wait: the goroutine waits for the waiter, the
//     waiter for the goroutine's Done, and both block forever. Only
//     channels whose every party the model sees are judged: a local
//     channel that does not escape, or an unexported field whose every
//     operation is in the package; the goroutine must make no call the
//     model cannot resolve, and no select, before the operation, and no
//     other goroutine, nor the waiting function before the Wait, may
//     complete it. The second Bad and Good examples show it.
//
// Effects of helper functions on their WaitGroup parameters (for example "calls
// Done on every path") are computed once and exported as facts, so the check
// sees through calls into other packages.
//
// Bad:
//
//	for _, job := range jobs {
//		go func() {
//			wg.Add(1) // races with wg.Wait below
//			defer wg.Done()
//			run(job)
//		}()
//	}
//	wg.Wait()
//
// Good:
//
//	for _, job := range jobs {
//		wg.Add(1)
//		go func() {
//			defer wg.Done()
//			run(job)
//		}()
//	}
//	wg.Wait()
//
// Bad:
//
//	ch := make(chan int)
//	for _, x := range xs {
//		wg.Add(1)
//		go func() {
//			defer wg.Done()
//			ch <- x * 2 // blocks: ch is received only after the Wait
//		}()
//		wg.Wait() // waits for the Done that never comes
//	}
//	for range xs {
//		out = append(out, <-ch)
//	}
//
// Good:
//
//	ch := make(chan int)
//	for _, x := range xs {
//		wg.Add(1)
//		go func() {
//			defer wg.Done()
//			ch <- x * 2
//		}()
//	}
//	go func() {
//		wg.Wait()
//		close(ch)
//	}()
//	for v := range ch {
//		out = append(out, v)
//	}
package wgprotocol
