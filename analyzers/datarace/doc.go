// Package datarace defines an Analyzer that reports shared memory written
// by goroutines with no lock held at the other accesses.
//
// # Analyzer datarace
//
// datarace: report shared memory written by goroutines without a lock
//
// A map written by two goroutines at once crashes the program ("fatal
// error: concurrent map writes"), and so does a map read during a write;
// an append to a shared slice or a total += x on a shared variable
// silently loses data. The check reports a write, in a goroutine, to
// memory the goroutine shares (a variable its function literal captures, a
// package variable, or a map, pointer or field reached from the arguments
// of go f(...), followed through the called functions, across packages)
// when another access to it may run at the same time and no mutex is held
// at both:
//
//   - another instance of the same goroutine, started in a loop that does
//     not wait for it before starting the next one;
//   - another goroutine started before the first is waited for;
//   - the function that starts the goroutine, between the go statement and
//     the first operation that waits (a Wait, a receive, a send...).
//
// The goroutines are those of go statements, WaitGroup.Go and errgroup's
// Go, the funcs given to a started function (go wait.Until(s.sync, stop)
// runs s.sync on the new goroutine), and the funcs given to a function
// that runs them on several goroutines at once (a worker pool, an
// errgroup-like helper, known across packages through facts). A method
// started in a loop (for { c, _ := l.Accept(); go s.handle(c) }) runs in
// several instances: its writes to the receiver's fields, also in the
// methods it calls, race with each other. A select with a timeout case is
// not a wait: after the timeout the function returns, and a goroutine that
// still writes the named results or a captured variable races with it.
//
// Accesses are also compared per field of a struct type (T.f, through
// embedded fields), between functions that may run on two goroutines at
// once (on a goroutine the package starts, or called by users: exported
// methods of a type the package itself runs on its goroutines):
//
//   - lock discipline: a field accessed with the type's mutex held at most
//     of its accesses (at two at least) and without it in an exported
//     method or a goroutine body, at the same time as a write under it;
//   - a goroutine a constructor starts (New starts go s.loop() and returns
//     s) and an exported method that does not communicate, one of them
//     writing a field the other accesses;
//   - a field updated with sync/atomic functions (atomic.AddInt64(&s.n, 1))
//     and accessed plainly elsewhere.
//
// Before Go 1.22 (the file's version: go.mod's go line, or a //go:build
// go1.N constraint), a loop's header variables are shared by all its
// iterations: a goroutine that uses one while the loop goes on sees a
// later iteration's value.
//
// A mutex protects an access when it is locked on every path to it and not
// unlocked in between (a deferred Unlock keeps it held), in the function
// itself or in the function that calls the helper making the access.
// Writes to slice elements (out[i] = v) are not reported, nor accesses
// through sync.Map, two atomic accesses, accesses to variables each
// iteration declares anew, to values the function made and has not shared
// yet (a constructor before its go statement), to fields only read after
// publication, lazy initializations in callees (if s.m == nil { s.m = ... }),
// or accesses that a goroutine makes only after a receive or another wait,
// which may be ordered by a hand-off.
//
// Categories: map (map writes, delete, clear), append (s = append(s, ...)),
// update (x++, x += y), assign (x = y), atomic (sync/atomic and plain
// accesses mixed), loopvar (a loop variable shared by goroutines before
// Go 1.22), discipline (an access without the mutex that guards the
// field's other accesses) and started (a field of a value whose
// constructor starts a goroutine on it).
//
// Bad:
//
//	for _, id := range ids {
//		wg.Add(1)
//		go func() {
//			defer wg.Done()
//			results[id] = fetch(id) // concurrent map writes
//		}()
//	}
//	wg.Wait()
//
// Good:
//
//	for _, id := range ids {
//		wg.Add(1)
//		go func() {
//			defer wg.Done()
//			r := fetch(id)
//			mu.Lock()
//			results[id] = r
//			mu.Unlock()
//		}()
//	}
//	wg.Wait()
package datarace
