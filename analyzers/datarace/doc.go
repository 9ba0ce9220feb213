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
// A mutex protects an access when it is locked on every path to it and not
// unlocked in between (a deferred Unlock keeps it held), in the function
// itself or in the function that calls the helper making the access.
// Writes to slice elements (out[i] = v) are not reported, nor accesses
// through sync/atomic or sync.Map, to variables each iteration declares
// anew, or that a goroutine makes only after a receive or another wait,
// which may be ordered by a hand-off.
//
// Categories: map (map writes, delete, clear), append (s = append(s, ...)),
// update (x++, x += y) and assign (x = y).
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
