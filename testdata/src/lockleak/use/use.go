// Lock helpers of another package, seen through facts.
package use

import (
	"errors"

	"lockleak/lib"
)

func paired(s *lib.Store) {
	lib.Acquire(s)
	defer s.Unlock() // ok: the helper's lock is released
	s.N++
}

func early(s *lib.Store) error {
	lib.Acquire(s)
	if s.N < 0 {
		return errors.New("negative") // want `returns with s.Mutex still locked`
	}
	s.N++
	s.Unlock()
	return nil
}

// begin returns holding lc.Mu with the collection, whose method release
// (of another package, with an unexported name) unlocks it: methods keep
// their facts whatever their name, since the method set of a type of
// another package holds them.
func begin(lc *lib.Lifecycle) *lib.Collection {
	lc.Mu.Lock() // ok: handed over with the result
	lc.N++
	return lib.Current
}
