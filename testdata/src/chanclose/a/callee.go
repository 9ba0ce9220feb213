package a

// A callee that closes its parameter on every path: the caller's close
// or send after the call panics.

func finish(ch chan int) {
	close(ch)
}

func finishDeferred(ch chan int) {
	defer close(ch)
	ch <- 1
}

func maybeFinish(ch chan int, last bool) {
	if last {
		close(ch)
	}
}

func closedByCallee() {
	ch := make(chan int, 1)
	finish(ch)
	close(ch) // want `ch is closed again \(closed at line \d+\): closing a closed channel panics`
}

func sendAfterCallee() {
	ch := make(chan int, 2)
	finishDeferred(ch)
	ch <- 2 // want `send on ch after it is closed at line \d+: a send on a closed channel panics`
}

// The twins: the callee closes on some paths only, or the caller sends
// before the call.
func maybeClosedByCallee(last bool) {
	ch := make(chan int, 1)
	maybeFinish(ch, last)
	ch <- 1 // ok: maybeFinish closes only when last
}

func sendBeforeCallee() {
	ch := make(chan int, 1)
	ch <- 1 // ok: before the close
	finish(ch)
}
