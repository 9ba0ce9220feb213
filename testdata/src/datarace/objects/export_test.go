package objects

// A test hook for a type of the package: only the tests call it, on a
// registry they set up.
func (r *Registry) SetItems(m map[string]int) {
	r.items = m // ok: a test hook, not the type's API
}

// The same write in a method of a type of the test file itself is the
// type's own.
func (r *testRegistry) SetItems(m map[string]int) {
	r.items = m // want `r.items is written in SetItems without testRegistry.mu`
}
