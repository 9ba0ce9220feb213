// Package line exercises //wglint:ignore on the line of a finding and on
// the line just above it. The tests run unjoinedgo on it.
package line

func Work() error { return nil }
