// Package use closes channels that a helper of another package has
// already closed (known through facts).
package use

import "chanclose/lib"

func closedTwice() {
	done := make(chan struct{})
	lib.Finish(done)
	close(done) // want `done is closed again \(closed at line \d+\): closing a closed channel panics`
}

// The twin: the helper closes on some paths only.
func closedMaybe(last bool) {
	done := make(chan struct{})
	lib.MaybeFinish(done, last)
	if !last {
		close(done) // ok: MaybeFinish closed it only if last
	}
}
