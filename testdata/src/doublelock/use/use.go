// A double lock through a method of a type in another package.
package use

import "doublelock/lib"

func count(s *lib.Store) int {
	s.Mu.Lock()
	defer s.Mu.Unlock()
	return s.Len() // want `Len, which locks s.Mu, is called while s.Mu is held since line 7`
}

func countOK(s *lib.Store) int {
	s.Mu.Lock()
	defer s.Mu.Unlock()
	return s.LenLocked() // ok
}
