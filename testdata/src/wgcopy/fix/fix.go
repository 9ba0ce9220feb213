// The post's program 3: the fix turns the parameter into a pointer and the
// call sites into &wg.
package main

import (
	"fmt"
	"sync"
)

var wg sync.WaitGroup

func worker(workerId int, wg sync.WaitGroup) { // want `parameter wg receives a copy of a sync.WaitGroup`
	defer wg.Done()
	fmt.Println("Task Completed by worker", workerId)
}

type job struct{ wg sync.WaitGroup }

func main() {
	wg := sync.WaitGroup{}
	wg.Add(3)

	workers := []int{1, 2, 3}
	for _, workerId := range workers {
		go worker(workerId, wg) // want `call of worker passes a copy of the sync.WaitGroup wg`
	}
	j := &job{}
	worker(0, j.wg) // want `call of worker passes a copy of the sync.WaitGroup j.wg`

	wg.Wait()
}

// No fix: the parameter is used as a value (passed on).
func relay(wg sync.WaitGroup) { // want `parameter wg receives a copy of a sync.WaitGroup`
	sink(&wg)
}

func sink(*sync.WaitGroup) {}

// No fix: the function is used as a value.
func asValue(wg sync.WaitGroup) { // want `parameter wg receives a copy of a sync.WaitGroup`
	wg.Wait()
}

var fn = asValue
