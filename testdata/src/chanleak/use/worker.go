package use

import (
	"context"

	"chanleak/lib"
)

// A constructor of another package whose result holds the only cancel
// func of the context its goroutine waits on.
func DropWorker() {
	lib.NewWorker() // want `the \*lib.Worker returned by NewWorker holds the only cancel func of the context that a goroutine NewWorker starts waits on: dropping it leaks the goroutine, which never ends; keep it and call its Stop \(which calls cancel\) when done`
}

func KeepWorker() *lib.Worker {
	w := lib.NewWorker() // ok: kept
	return w
}

func DropChild(ctx context.Context) {
	lib.NewChild(ctx) // ok: ctx's cancel ends it
}
