//go:build go1.21

package objects

import "sync"

// Before Go 1.22 the variables of a loop's header are shared by all its
// iterations: a goroutine that captures one sees the next iteration's
// value.
func loopVarRange(ids []int) {
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fetch(id) // want `loop variable id is captured by the goroutine started at line \d+ and assigned again by the next iteration \(this file is go1.21, before Go 1.22 every iteration shares it\)`
		}()
	}
	wg.Wait()
}

func loopVarRangeCopied(ids []int) {
	var wg sync.WaitGroup
	for _, id := range ids {
		id := id
		wg.Add(1)
		go func() {
			defer wg.Done()
			fetch(id) // ok: a copy per iteration
		}()
	}
	wg.Wait()
}

func loopVarThreeClause(n int) {
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fetch(i) // want `loop variable i is captured by the goroutine started at line \d+ and assigned again by the next iteration`
		}()
	}
	wg.Wait()
}

func loopVarArgument(n int) {
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			fetch(i) // ok: passed by value
		}(i)
	}
	wg.Wait()
}

// Joined before the next iteration: no race.
func loopVarJoined(ids []int) {
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fetch(id) // ok: waited for in the same iteration
		}()
		wg.Wait()
	}
}
