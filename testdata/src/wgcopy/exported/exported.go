// Exported functions get no fix: callers in other packages would break.
package exported

import "sync"

func Worker(wg sync.WaitGroup) { // want `parameter wg receives a copy of a sync.WaitGroup`
	wg.Done()
}

func use() {
	var wg sync.WaitGroup
	Worker(wg) // want `call of Worker passes a copy`
}
