// Package wrongkey defines an Analyzer that reports results received from
// a shared channel and filed under the key of a loop.
//
// # Analyzer wrongkey
//
// wrongkey: report channel results stored under the wrong key
//
// When goroutines are started one per element of a collection and all send
// their result on one shared channel, the results arrive in the order the
// goroutines finish, not in the order they were started. A second loop over
// the same collection that receives one result per iteration and stores it
// under that iteration's key (m[id] = <-ch, results[i] = r) files each
// result under an arbitrary key: the map looks right only while every
// worker returns the same value. The check reports such stores when the
// received value, not the loop's key, is stored. Carry the key in the
// message (a struct with the worker's ID, or the index) and store under the
// key that comes with the result.
//
// Bad:
//
//	for _, id := range ids {
//		go func() { ch <- fetch(id) }()
//	}
//	for _, id := range ids {
//		m[id] = <-ch // a result of any worker
//	}
//
// Good:
//
//	type result struct {
//		id  int
//		val string
//	}
//	for _, id := range ids {
//		go func() { ch <- result{id, fetch(id)} }()
//	}
//	for range ids {
//		r := <-ch
//		m[r.id] = r.val
//	}
package wrongkey
