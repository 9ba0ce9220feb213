package objects

import "sync"

func fetch(int) int { return 0 }

// The same loops in a file of the module's version (1.22 or later): every
// iteration has its own variables.
func loopVarRange122(ids []int) {
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fetch(id) // ok
		}()
	}
	wg.Wait()
}

func loopVarThreeClause122(n int) {
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fetch(i) // ok
		}()
	}
	wg.Wait()
}

func loopVarNested122(n int, ids []int) {
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		for range ids {
			wg.Add(1)
			go func() {
				defer wg.Done()
				fetch(i) // ok: the outer loop's i is per iteration too
			}()
		}
	}
	wg.Wait()
}
