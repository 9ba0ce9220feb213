// Package sleep exercises directives against sleepjoin, and a directive
// that names two checks but is used by only one of them. The tests run
// sleepjoin on it.
package sleep

func Work() error { return nil }
