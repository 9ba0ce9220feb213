// Constant Add counts against the goroutines that call Done.
package count

import (
	"fmt"
	"sync"
)

func worker(id int, wg *sync.WaitGroup) {
	defer wg.Done()
	fmt.Println(id)
}

func tooMany() {
	var wg sync.WaitGroup
	wg.Add(3) // want `wg.Add\(3\) counts 3 goroutines but only 2 call wg.Done: wg.Wait blocks forever`
	for _, id := range []int{1, 2} {
		go worker(id, &wg)
	}
	wg.Wait()
}

func tooFew() {
	var wg sync.WaitGroup
	wg.Add(1) // want `wg.Add\(1\) counts 1 goroutine but 2 call wg.Done: the counter goes negative`
	go worker(1, &wg)
	go worker(2, &wg)
	wg.Wait()
}

// The post's program 4: three workers, Add(3).
func post4() {
	wg := sync.WaitGroup{}
	wg.Add(3) // ok

	workers := []int{1, 2, 3}
	for _, workerId := range workers {
		go worker(workerId, &wg)
	}
	wg.Wait()
}

func countedLoop() {
	var wg sync.WaitGroup
	wg.Add(4) // want `wg.Add\(4\) counts 4 goroutines but 5 call wg.Done: the counter goes negative`
	for i := 0; i < 5; i++ {
		go worker(i, &wg)
	}
	wg.Wait()
}

func unknownCount(ids []int) {
	var wg sync.WaitGroup
	wg.Add(3) // ok: the number of goroutines is not known
	for _, id := range ids {
		go worker(id, &wg)
	}
	wg.Wait()
}

func conditional(b bool) {
	var wg sync.WaitGroup
	wg.Add(2) // ok: a conditional go statement is not counted
	go worker(1, &wg)
	if b {
		go worker(2, &wg)
	}
	wg.Wait()
}

func rangeInt() {
	var wg sync.WaitGroup
	wg.Add(3) // ok
	for i := range 3 {
		go worker(i, &wg)
	}
	wg.Wait()
}

func array() {
	var wg sync.WaitGroup
	ids := [2]int{1, 2}
	wg.Add(len(ids)) // ok: constant 2
	for _, id := range ids {
		go worker(id, &wg)
	}
	wg.Wait()
}
