package variant_test

import "driver/variant"

func count(s *variant.Store) int {
	s.Mu.Lock()
	defer s.Mu.Unlock()
	return s.Len() // want `Len, which locks s.Mu, is called while s.Mu is held since line 6`
}

func countOK(s *variant.Store) int {
	s.Mu.Lock()
	defer s.Mu.Unlock()
	return s.LenLocked() // ok
}
