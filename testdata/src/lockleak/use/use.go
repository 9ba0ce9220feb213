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
