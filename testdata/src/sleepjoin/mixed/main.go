// Sleeps on paths that also wait, inside goroutines, and time.After.
package main

import (
	"fmt"
	"os"
	"sync"
	"time"
)

func worker() { fmt.Println("work") }

func main() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		time.Sleep(time.Millisecond) // ok: inside the goroutine
	}()
	time.Sleep(time.Millisecond) // ok: the path waits below
	wg.Wait()

	if len(os.Args) > 1 {
		// <-time.After is a sleep too.
		go worker()
		<-time.After(time.Second) // want `sleeping does not wait for the goroutine started at line 25`
		return
	}
}
