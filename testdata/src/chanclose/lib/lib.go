// Package lib has channel helpers whose closes reach callers in other
// packages through facts.
package lib

// Finish closes its channel on every path.
func Finish(done chan struct{}) {
	close(done)
}

// MaybeFinish closes it on some paths only.
func MaybeFinish(done chan struct{}, last bool) {
	if last {
		close(done)
	}
}
