// Package use sees lib's effects through facts.
package use

import (
	"sync"

	"concfacts/lib"
)

func Wrap(wg *sync.WaitGroup) { // want Wrap:`summary\(param0:done\)`
	lib.Finish(wg)
}

func WrapJoin(wg *sync.WaitGroup) { // want WrapJoin:`summary\(joins1 param0:wait\)`
	lib.JoinVia(wg)
}
